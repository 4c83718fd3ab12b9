import FlyteIDL
import Foundation
import Synchronization
import VaneEngine

/// Shows an execution's progress on stderr: on a terminal, a table of nodes with their phase
/// and duration, redrawn on each change; otherwise one line per transition.
final class ProgressPrinter: Sendable {
  private struct Row {
    var name: String
    var phase: String
    var started: Date
    var ended: Date?
    var detail: String
  }

  private struct State {
    var rows: [(id: String, row: Row)] = []
    var drawnLines = 0
  }

  private let interactive: Bool
  private let start: Date
  private let state = Mutex(State())

  init(interactive: Bool = isatty(2) == 1, start: Date = Date()) {
    self.interactive = interactive
    self.start = start
  }

  func show(_ event: EngineEvent) {
    guard case .node = event.message else {
      if case .workflow = event.message { line(for: event, id: "workflow") }
      return
    }
    if interactive { update(event) } else { line(for: event, id: event.nodeID ?? "?") }
  }

  private func line(for event: EngineEvent, id: String) {
    let elapsed = String(format: "%7.2fs", event.occurredAt.timeIntervalSince(start))
    var text = "[\(elapsed)] \(id) \(event.nodeName): \(event.phaseName)"
    let detail = Self.detail(of: event)
    if !detail.isEmpty { text += " — \(detail)" }
    if interactive {
      state.withLock { $0.drawnLines = 0 }
    }
    printError(text)
  }

  private func update(_ event: EngineEvent) {
    let id = event.nodeID ?? "?"
    let text: String = state.withLock { state in
      if let index = state.rows.firstIndex(where: { $0.id == id }) {
        state.rows[index].row.phase = event.phaseName
        state.rows[index].row.detail = Self.detail(of: event)
        if ["Succeeded", "Failed", "Skipped", "Aborted", "TimedOut"].contains(event.phaseName) {
          state.rows[index].row.ended = event.occurredAt
        }
      } else {
        state.rows.append(
          (
            id,
            Row(
              name: event.nodeName, phase: event.phaseName, started: event.occurredAt, ended: nil,
              detail: Self.detail(of: event))
          ))
      }
      var lines = state.rows.map { entry -> String in
        let end = entry.row.ended ?? Date()
        let duration = String(format: "%6.1fs", end.timeIntervalSince(entry.row.started))
        let detail = entry.row.detail.isEmpty ? "" : "  " + entry.row.detail.prefix(60)
        return "  \(pad(entry.id, 12)) \(pad(entry.row.name, 36)) \(pad(entry.row.phase, 12)) \(duration)\(detail)"
      }
      lines.insert("  \(pad("NODE", 12)) \(pad("RUNS", 36)) \(pad("PHASE", 12)) DURATION", at: 0)
      let erase = state.drawnLines > 0 ? "\u{1B}[\(state.drawnLines)F\u{1B}[J" : ""
      state.drawnLines = lines.count
      return erase + lines.joined(separator: "\n")
    }
    printError(text)
  }

  /// The event's reason, or "cache hit" for a node whose outputs came from the data cache.
  static func detail(of event: EngineEvent) -> String {
    guard case .node(let node) = event.message, node.taskNodeMetadata.cacheStatus == .cacheHit else {
      return event.detail
    }
    return event.detail.isEmpty ? "cache hit" : "cache hit; \(event.detail)"
  }

  private func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? String(text.prefix(width)) : text + String(repeating: " ", count: width - text.count)
  }
}
