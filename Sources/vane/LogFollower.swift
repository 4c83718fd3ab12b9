import FlyteIDL
import FlyteIDLGRPC
import Foundation
import GRPCCore

/// `vane logs --follow`: prints a task attempt's local log files as they grow until the attempt
/// (or its execution) ends, then what was written last. The server has no push for task
/// phases, so each round reads the new bytes of every file and asks for the attempt's and the
/// execution's phase — one connection, a short pause between rounds only while nothing ended.
struct LogFollower {
  let client: RemoteClient
  let execution: Flyteidl_Core_WorkflowExecutionIdentifier
  let node: String
  /// The attempt to follow; nil: the last one there is when it first appears.
  let attempt: UInt32?
  var interval: Duration = .milliseconds(200)

  /// A followed file and how far it was printed.
  private struct Tail {
    let path: String
    var offset: UInt64 = 0
  }

  func run() async throws {
    try await client.withAdmin { admin in
      var current = try await firstAttempt(admin)
      var tails: [Tail] = []
      var announced = Set<String>()
      while true {
        for log in current.closure.logs where !announced.contains(log.uri) {
          announced.insert(log.uri)
          let name = log.name.isEmpty ? log.uri : log.name
          printError("== \(name) ==")
          if let path = Logs.localPath(log.uri) {
            tails.append(Tail(path: path))
          } else {
            printError("(not on this machine) \(log.uri)")
          }
        }
        var ended = current.closure.phase.isEnded
        if !ended { ended = try await executionEnded(admin) }
        for index in tails.indices { tails[index].offset = Self.printNew(tails[index].path, from: tails[index].offset) }
        if ended { return }
        try await Task.sleep(for: interval)
        var request = Flyteidl_Admin_TaskExecutionGetRequest()
        request.id = current.id
        current = try await admin.getTaskExecution(request, options: client.options)
      }
    }
  }

  /// The attempt to follow, once the node has one (it may still be queued); exit 2 when the
  /// execution ends without it.
  private func firstAttempt(_ admin: RemoteClient.Admin) async throws -> Flyteidl_Admin_TaskExecution {
    while true {
      if let chosen = Self.pick(attempt, from: try await attempts(admin)) { return chosen }
      guard try await !executionEnded(admin) else {
        throw CLIFailure.badInput("node '\(node)' of \(execution.name) never ran a task attempt")
      }
      try await Task.sleep(for: interval)
    }
  }

  private func attempts(_ admin: RemoteClient.Admin) async throws -> [Flyteidl_Admin_TaskExecution] {
    var request = Flyteidl_Admin_TaskExecutionListRequest()
    request.nodeExecutionID.executionID = execution
    request.nodeExecutionID.nodeID = node
    request.limit = 100
    do {
      return try await admin.listTaskExecutions(request, options: client.options).taskExecutions
    } catch let error as RPCError where error.code == .notFound {
      // The node execution is not there yet.
      return []
    }
  }

  private static func pick(
    _ attempt: UInt32?, from attempts: [Flyteidl_Admin_TaskExecution]
  ) -> Flyteidl_Admin_TaskExecution? {
    let sorted = attempts.sorted { $0.id.retryAttempt < $1.id.retryAttempt }
    guard let attempt else { return sorted.last }
    return sorted.first { $0.id.retryAttempt == attempt }
  }

  private func executionEnded(_ admin: RemoteClient.Admin) async throws -> Bool {
    var request = Flyteidl_Admin_WorkflowExecutionGetRequest()
    request.id = execution
    switch try await admin.getExecution(request, options: client.options).closure.phase {
    case .succeeded, .failed, .aborted, .timedOut: return true
    default: return false
    }
  }

  /// Prints the bytes of `path` past `offset`, a MiB at a time; the new offset.
  private static func printNew(_ path: String, from offset: UInt64) -> UInt64 {
    guard let handle = FileHandle(forReadingAtPath: path) else { return offset }
    defer { try? handle.close() }
    do {
      try handle.seek(toOffset: offset)
    } catch {
      return offset
    }
    var position = offset
    while let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty {
      FileHandle.standardOutput.write(data)
      position += UInt64(data.count)
    }
    return position
  }
}

extension Flyteidl_Core_TaskExecution.Phase {
  /// The attempt is over: it succeeded, failed or was aborted.
  var isEnded: Bool {
    switch self {
    case .succeeded, .failed, .aborted: true
    default: false
    }
  }
}
