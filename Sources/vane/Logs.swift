import ArgumentParser
import FlyteIDL
import FlyteIDLGRPC
import Foundation
import GRPCCore
import VaneRay

/// `vane logs X NODE`: the output of a task attempt, read through its task execution's log
/// links (file:// paths on the machine `vane serve` runs on).
struct Logs: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the stdout and stderr of a task node's attempt on a vane serve.",
    discussion: """
      Reads the log links of the node's task execution (the last attempt unless --attempt). \
      Logs on this machine (file://) are printed; other links are listed. Each log starts with \
      a '== name ==' line on stderr. With --follow, the node's attempt is awaited if it has \
      not started, and its local logs are printed as they grow until the attempt or the \
      execution ends. Exit status: 0, 1 server failing or no log links, 2 bad usage or unknown \
      execution/node, 78 a bad config.
      """
  )

  @Argument(help: "The execution: NAME or PROJECT/DOMAIN/NAME.")
  var execution: String

  @Argument(help: "The node id, e.g. n0 (nested nodes: their unique id, as vane describe shows).")
  var node: String

  @Option(help: "The attempt (retry number, from 0; default: the last).")
  var attempt: UInt32?

  @Flag(name: [.customShort("f"), .long], help: "Keep printing new lines until the attempt or execution ends.")
  var follow = false

  @OptionGroup var remote: RemoteOptions

  func run() async throws {
    let client = try remote.client()
    let id = try RemoteExecutionID.parse(execution, options: remote)
    if follow {
      try await LogFollower(client: client, execution: id, node: node, attempt: attempt).run()
      return
    }
    let attempts = try await client.withAdmin { admin in
      var request = Flyteidl_Admin_TaskExecutionListRequest()
      request.nodeExecutionID.executionID = id
      request.nodeExecutionID.nodeID = node
      request.limit = 100
      return try await admin.listTaskExecutions(request, options: client.options).taskExecutions
    }
    let sorted = attempts.sorted { $0.id.retryAttempt < $1.id.retryAttempt }
    guard let chosen = attempt.map({ number in sorted.first { $0.id.retryAttempt == number } }) ?? sorted.last else {
      let which = attempt.map { "attempt \($0) of " } ?? ""
      throw CLIFailure.badInput("\(which)node '\(node)' of \(id.name) has no task execution (is it a task node?)")
    }
    guard !chosen.closure.logs.isEmpty else {
      throw CLIFailure.failed("node '\(node)' attempt \(chosen.id.retryAttempt) has no log links")
    }
    for log in chosen.closure.logs {
      printError("== \(log.name.isEmpty ? log.uri : log.name) ==")
      if let job = RayAddress.logLink(log.uri) {
        try await Self.printRayLog(job.submissionID, on: job.address)
        continue
      }
      guard let path = Self.localPath(log.uri) else {
        printError("(not on this machine) \(log.uri)")
        continue
      }
      guard let data = FileManager.default.contents(atPath: path) else {
        printError("(cannot read \(path))")
        continue
      }
      FileHandle.standardOutput.write(data)
    }
  }

  /// Prints the log of a running Ray job, read from the cluster's job API.
  static func printRayLog(_ submissionID: String, on address: RayAddress) async throws {
    do {
      let text = try await RayJobClient(address: address).logs(submissionID, limit: 64 << 20)
      FileHandle.standardOutput.write(Data(text.utf8))
    } catch {
      printError("(cannot read the log of Ray job \(submissionID) from \(address): \(error.message))")
    }
  }

  /// The path of a `file://` URI or plain absolute path; nil for anything else.
  static func localPath(_ uri: String) -> String? {
    if uri.hasPrefix("/") { return uri }
    guard let url = URL(string: uri), url.isFileURL else { return nil }
    return url.path
  }
}
