import FlyteIDL
import FlyteIDLGRPC
public import GRPCCore
public import VaneAdmin
import VaneAdminStore

/// flyteidl's `AdminService` over the admin components: the registry, the projects and (when
/// an engine is attached) executions, node and task executions. Only the methods below are
/// registered; every other method of the service answers `UNIMPLEMENTED`, which is how
/// grpc-swift treats a method no handler claims. To add one: implement it on the matching
/// component in `VaneAdmin` and add a `router.unary` line.
public struct AdminService: RegistrableRPCService {
  public let admin: AdminComponents
  /// The version reported by `GetVersion`.
  public let version: String

  public init(admin: AdminComponents, version: String) {
    self.admin = admin
    self.version = version
  }

  public func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
    typealias M = Flyteidl_Service_AdminService.Method
    let registry = admin.registry
    let projects = admin.projects
    router.unary(M.CreateTask.descriptor) { (request: M.CreateTask.Input) throws(AdminError) in
      try await registry.createTask(request)
      return M.CreateTask.Output()
    }
    router.unary(M.CreateWorkflow.descriptor) { (request: M.CreateWorkflow.Input) throws(AdminError) in
      try await registry.createWorkflow(request)
      return M.CreateWorkflow.Output()
    }
    router.unary(M.CreateLaunchPlan.descriptor) { (request: M.CreateLaunchPlan.Input) throws(AdminError) in
      try await registry.createLaunchPlan(request)
      return M.CreateLaunchPlan.Output()
    }
    router.unary(M.GetTask.descriptor) { (request: M.GetTask.Input) throws(AdminError) in
      try await registry.task(request.id)
    }
    router.unary(M.GetWorkflow.descriptor) { (request: M.GetWorkflow.Input) throws(AdminError) in
      try await registry.workflow(request.id)
    }
    router.unary(M.GetLaunchPlan.descriptor) { (request: M.GetLaunchPlan.Input) throws(AdminError) in
      try await registry.launchPlan(request.id)
    }
    router.unary(M.ListTasks.descriptor) { (request: M.ListTasks.Input) throws(AdminError) in
      try await registry.tasks(request)
    }
    router.unary(M.ListWorkflows.descriptor) { (request: M.ListWorkflows.Input) throws(AdminError) in
      try await registry.workflows(request)
    }
    router.unary(M.ListLaunchPlans.descriptor) { (request: M.ListLaunchPlans.Input) throws(AdminError) in
      try await registry.launchPlans(request)
    }
    router.unary(M.ListTaskIds.descriptor) { (request: M.ListTaskIds.Input) throws(AdminError) in
      try await registry.names(.task, request)
    }
    router.unary(M.ListWorkflowIds.descriptor) { (request: M.ListWorkflowIds.Input) throws(AdminError) in
      try await registry.names(.workflow, request)
    }
    router.unary(M.ListLaunchPlanIds.descriptor) { (request: M.ListLaunchPlanIds.Input) throws(AdminError) in
      try await registry.names(.launchPlan, request)
    }
    router.unary(M.ListNamedEntities.descriptor) { (request: M.ListNamedEntities.Input) throws(AdminError) in
      try await registry.namedEntities(request)
    }
    router.unary(M.GetNamedEntity.descriptor) { (request: M.GetNamedEntity.Input) throws(AdminError) in
      try await registry.namedEntity(request)
    }
    router.unary(M.UpdateNamedEntity.descriptor) { (request: M.UpdateNamedEntity.Input) throws(AdminError) in
      try await registry.updateNamedEntity(request)
      return M.UpdateNamedEntity.Output()
    }
    let scheduler = admin.scheduler
    router.unary(M.UpdateLaunchPlan.descriptor) { (request: M.UpdateLaunchPlan.Input) throws(AdminError) in
      try await registry.updateLaunchPlan(request)
      scheduler?.wake()
      return M.UpdateLaunchPlan.Output()
    }
    router.unary(M.GetActiveLaunchPlan.descriptor) { (request: M.GetActiveLaunchPlan.Input) throws(AdminError) in
      try await registry.activeLaunchPlan(request)
    }
    router.unary(M.ListActiveLaunchPlans.descriptor) { (request: M.ListActiveLaunchPlans.Input) throws(AdminError) in
      try await registry.activeLaunchPlans(request)
    }
    registerProjectMethods(with: &router, projects: projects)
    registerAttributeMethods(with: &router, attributes: admin.attributes)
    if let executions = admin.executions { registerExecutionMethods(with: &router, executions: executions) }
    if let nodes = admin.nodes { registerNodeExecutionMethods(with: &router, nodes: nodes) }
    if let metrics = admin.metrics {
      router.unary(M.GetExecutionMetrics.descriptor) { (request: M.GetExecutionMetrics.Input) throws(AdminError) in
        try await metrics.metrics(request)
      }
    }
  }

  private func registerProjectMethods<Transport: ServerTransport>(
    with router: inout RPCRouter<Transport>, projects: ProjectDirectory
  ) {
    typealias M = Flyteidl_Service_AdminService.Method
    let version = self.version
    router.unary(M.RegisterProject.descriptor) { (request: M.RegisterProject.Input) throws(AdminError) in
      try await projects.register(request.project)
      return M.RegisterProject.Output()
    }
    router.unary(M.UpdateProject.descriptor) { (request: M.UpdateProject.Input) throws(AdminError) in
      try await projects.update(request)
      return M.UpdateProject.Output()
    }
    router.unary(M.GetProject.descriptor) { (request: M.GetProject.Input) throws(AdminError) in
      try await projects.project(id: request.id, org: request.org)
    }
    router.unary(M.ListProjects.descriptor) { (request: M.ListProjects.Input) throws(AdminError) in
      try await projects.list(request)
    }
    router.unary(M.GetDomains.descriptor) { (_: M.GetDomains.Input) throws(AdminError) in
      var response = M.GetDomains.Output()
      response.domains = ProjectDirectory.domainMessages()
      return response
    }
    router.unary(M.GetVersion.descriptor) { (_: M.GetVersion.Input) throws(AdminError) in
      var response = M.GetVersion.Output()
      response.controlPlaneVersion.version = version
      response.controlPlaneVersion.build = "vane"
      return response
    }
  }

  private func registerExecutionMethods<Transport: ServerTransport>(
    with router: inout RPCRouter<Transport>, executions: ExecutionManager
  ) {
    typealias M = Flyteidl_Service_AdminService.Method
    router.unary(M.CreateExecution.descriptor) { (request: M.CreateExecution.Input) throws(AdminError) in
      try await executions.create(request)
    }
    router.unary(M.GetExecution.descriptor) { (request: M.GetExecution.Input) throws(AdminError) in
      try await executions.execution(request.id)
    }
    router.unary(M.GetExecutionData.descriptor) { (request: M.GetExecutionData.Input) throws(AdminError) in
      try await executions.data(request.id)
    }
    router.unary(M.ListExecutions.descriptor) { (request: M.ListExecutions.Input) throws(AdminError) in
      try await executions.list(request)
    }
    router.unary(M.TerminateExecution.descriptor) { (request: M.TerminateExecution.Input) throws(AdminError) in
      try await executions.terminate(request.id, cause: request.cause)
      return M.TerminateExecution.Output()
    }
    router.unary(M.UpdateExecution.descriptor) { (request: M.UpdateExecution.Input) throws(AdminError) in
      try await executions.update(request)
      return M.UpdateExecution.Output()
    }
    router.unary(M.RelaunchExecution.descriptor) { (request: M.RelaunchExecution.Input) throws(AdminError) in
      try await executions.relaunch(request)
    }
    router.unary(M.RecoverExecution.descriptor) { (request: M.RecoverExecution.Input) throws(AdminError) in
      try await executions.recover(request)
    }
  }
}
