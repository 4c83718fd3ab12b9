import FlyteIDL
import FlyteIDLGRPC
import GRPCCore

/// `vane relaunch X --endpoint E` / `vane recover X --endpoint E`: asks the server for a new
/// execution (RelaunchExecution / RecoverExecution) and prints its name. Without --endpoint
/// those commands work on a data directory instead.
struct RemoteCopy {
  let mode: ExecutionCopy.Mode
  let execution: String
  let name: String?
  let remote: RemoteOptions

  func run() async throws {
    let client = try remote.client()
    let id = try RemoteExecutionID.parse(execution, options: remote)
    let created = try await client.withAdmin { admin in
      switch mode {
      case .relaunch:
        var request = Flyteidl_Admin_ExecutionRelaunchRequest()
        request.id = id
        request.name = name ?? ""
        return try await admin.relaunchExecution(request, options: client.options).id
      case .recover:
        var request = Flyteidl_Admin_ExecutionRecoverRequest()
        request.id = id
        request.name = name ?? ""
        return try await admin.recoverExecution(request, options: client.options).id
      }
    }
    try RemoteOutput.emit(remote.output, value: ["id": try RemoteOutput.object(created)]) {
      var table = TextTable("EXECUTION", "OF")
      table.add("\(created.project)/\(created.domain)/\(created.name)", id.name)
      return table
    }
  }
}
