import FlyteIDL
import FlyteIDLGRPC
import GRPCCore
import VaneAdmin
import VaneAdminStore

extension AdminService {
  func registerNodeExecutionMethods<Transport: ServerTransport>(
    with router: inout RPCRouter<Transport>, nodes: NodeExecutionReader
  ) {
    typealias M = Flyteidl_Service_AdminService.Method
    router.unary(M.ListNodeExecutions.descriptor) { (request: M.ListNodeExecutions.Input) throws(AdminError) in
      try await nodes.list(request)
    }
    router.unary(M.ListNodeExecutionsForTask.descriptor) {
      (request: M.ListNodeExecutionsForTask.Input) throws(AdminError) in
      try await nodes.nodesForTask(request)
    }
    router.unary(M.GetNodeExecution.descriptor) { (request: M.GetNodeExecution.Input) throws(AdminError) in
      try await nodes.node(request.id)
    }
    router.unary(M.GetNodeExecutionData.descriptor) { (request: M.GetNodeExecutionData.Input) throws(AdminError) in
      try await nodes.nodeData(request.id)
    }
    router.unary(M.GetDynamicNodeWorkflow.descriptor) { (request: M.GetDynamicNodeWorkflow.Input) throws(AdminError) in
      try await nodes.dynamicWorkflow(request.id)
    }
    router.unary(M.ListTaskExecutions.descriptor) { (request: M.ListTaskExecutions.Input) throws(AdminError) in
      try await nodes.tasks(request)
    }
    router.unary(M.GetTaskExecution.descriptor) { (request: M.GetTaskExecution.Input) throws(AdminError) in
      try await nodes.task(request.id)
    }
    router.unary(M.GetTaskExecutionData.descriptor) { (request: M.GetTaskExecutionData.Input) throws(AdminError) in
      try await nodes.taskData(request.id)
    }
  }
}
