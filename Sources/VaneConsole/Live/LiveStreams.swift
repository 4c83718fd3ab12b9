import FlyteIDL
import Foundation
import Hummingbird
import VaneAdmin
import VaneModel

extension PageCall {
  /// What an execution page follows: each box's class and detail when it changes, the
  /// execution's phase and duration, the critical path; `end` once the execution finished.
  struct ExecutionUpdate: Codable {
    var phase: String
    var phaseClass: String
    var duration: String
    var nodes: [String: [String]]
    var critical: [String]
    var terminal: Bool
  }

  func executionEvents(_ viewer: ConsoleViewer) async throws -> Response {
    let id = try executionID
    let changes = try console.live.subscribe(.execution(project: id.project, domain: id.domain, name: id.name))
    let call = self
    return ConsoleResponse.events { stream in
      try await stream.retry(milliseconds: 2000)
      var last: LiveState?
      var lastHead = ""
      try await LiveTicker.run(changes, clock: call.console.clock) { changed in
        let (snapshot, model) = try await call.executionState()
        let row = ExecutionRow(snapshot.execution, now: call.console.clock.date)
        let state = model.live
        let nodes = state.changes(since: last)
        let head = "\(row.phase)|\(row.duration)|\(state.critical)"
        if !nodes.isEmpty || head != lastHead || row.isTerminal {
          let update = ExecutionUpdate(
            phase: row.phase, phaseClass: row.cssClass, duration: row.duration, nodes: nodes, critical: state.critical,
            terminal: row.isTerminal)
          try await stream.send("update", String(decoding: try JSONEncoder().encode(update), as: UTF8.self))
        } else if !changed {
          try await stream.comment("alive")
        }
        last = state
        lastHead = head
        if row.isTerminal {
          try await stream.send("end", "{}")
          return false
        }
        return true
      }
    }
  }

  /// What the executions list follows: a `changed` event whenever an execution of the project
  /// and domain changed, after which the page fetches its rows again.
  func executionListEvents(_ viewer: ConsoleViewer) async throws -> Response {
    let changes = try console.live.subscribe(.executions(project: request.project, domain: request.domain))
    let clock = console.clock
    return ConsoleResponse.events { stream in
      try await stream.retry(milliseconds: 2000)
      try await LiveTicker.run(changes, clock: clock) { changed in
        if changed { try await stream.send("changed", "{}") } else { try await stream.comment("alive") }
        return true
      }
    }
  }

  /// A log followed as it grows: `append` events with new text, `end` when the attempt is over
  /// and everything was sent. Polls the file (a log grows without engine events).
  func logEvents(_ viewer: ConsoleViewer, node: String) async throws -> Response {
    let id = try executionID
    guard let nodes = console.admin.nodes else { throw ConsoleError(.notFound, "no node executions on this server") }
    guard let attempt = request.parameter("attempt").flatMap(UInt32.init),
      let index = request.parameter("log").flatMap(Int.init)
    else { throw ConsoleError(.badRequest, "give attempt and log") }
    let start = max(0, request.parameter("offset").flatMap(Int.init) ?? 0)
    var nodeID = Flyteidl_Core_NodeExecutionIdentifier()
    nodeID.executionID = id
    nodeID.nodeID = node
    var list = Flyteidl_Admin_TaskExecutionListRequest()
    list.nodeExecutionID = nodeID
    list.limit = 100
    let attempts = list
    @Sendable func current() async throws -> Flyteidl_Admin_TaskExecution? {
      do {
        return try await nodes.tasks(attempts).taskExecutions.first { $0.id.retryAttempt == attempt }
      } catch {
        throw ConsoleError(error)
      }
    }
    guard let first = try await current(), index < first.closure.logs.count else {
      throw ConsoleError(.notFound, "no such log", at: "\(node) attempt \(attempt)")
    }
    let reader = console.logs
    let link = first.closure.logs[index]
    let clock = console.clock
    return ConsoleResponse.events { stream in
      var offset = start
      var quiet = 0
      try await LiveTicker.run(nil, clock: clock, interval: .milliseconds(250)) { _ in
        let finished = try await current().map { Self.taskPhase($0.closure.phase).1.isFinal } ?? true
        while true {
          guard let chunk = try await reader.read(link, from: offset, limit: 256 << 10) else { return false }
          if chunk.data.isEmpty { break }
          try await stream.send("append", String(decoding: chunk.data, as: UTF8.self))
          offset = chunk.nextOffset
          quiet = 0
          if chunk.nextOffset >= chunk.size { return true }
        }
        if finished {
          try await stream.send("end", "{}")
          return false
        }
        quiet += 1
        if quiet % 20 == 0 { try await stream.comment("alive") }
        return true
      }
    }
  }
}
