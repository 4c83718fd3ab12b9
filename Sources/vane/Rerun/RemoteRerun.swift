import FlyteIDL
import FlyteIDLGRPC
import GRPCCore
import VaneAdmin

/// `vane relaunch X --endpoint E` / `vane recover X --endpoint E`: asks the server for a new
/// execution (RelaunchExecution / RecoverExecution) and prints its name. Without --endpoint
/// those commands work on a data directory instead.
struct RemoteRerun {
  let mode: RerunMode
  let execution: Flyteidl_Core_WorkflowExecutionIdentifier
  let name: String?
  let client: RemoteClient

  func run() async throws {
    let (id, name, client) = (execution, self.name ?? "", self.client)
    let created = try await client.withAdmin { admin in
      switch mode {
      case .relaunch:
        var request = Flyteidl_Admin_ExecutionRelaunchRequest()
        request.id = id
        request.name = name
        return try await admin.relaunchExecution(request, options: client.options).id
      case .recover:
        var request = Flyteidl_Admin_ExecutionRecoverRequest()
        request.id = id
        request.name = name
        return try await admin.recoverExecution(request, options: client.options).id
      }
    }
    try RemoteOutput.emit(.table, value: ["id": try RemoteOutput.object(created)]) {
      var table = TextTable("EXECUTION", "OF")
      table.add("\(created.project)/\(created.domain)/\(created.name)", id.name)
      return table
    }
  }
}
