import ArgumentParser
import FlyteIDL
import FlyteIDLGRPC
import GRPCCore

/// `vane abort X`: terminates a running execution on a server.
struct Abort: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Abort a running execution on a vane serve.",
    discussion:
      "Exit status: 0 abort requested, 2 unknown or already ended execution, 1 server failure, 78 a bad config."
  )

  @Argument(help: "The execution: NAME or PROJECT/DOMAIN/NAME.")
  var execution: String

  @Option(help: "Why (recorded as the abort cause).")
  var cause: String = "aborted with vane abort"

  @OptionGroup var remote: RemoteOptions

  func run() async throws {
    let client = try remote.client()
    let id = try RemoteExecutionID.parse(execution, options: remote)
    try await client.withAdmin { admin in
      var request = Flyteidl_Admin_ExecutionTerminateRequest()
      request.id = id
      request.cause = cause
      _ = try await admin.terminateExecution(request, options: client.options)
    }
    print("abort requested: \(id.project)/\(id.domain)/\(id.name)")
  }
}
