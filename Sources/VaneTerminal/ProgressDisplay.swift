import FlyteIDL
import Foundation
import Synchronization
public import VaneEngine
public import VaneModel

/// Shows one execution's progress as it runs.
///
/// On a terminal (`.table`) it keeps a `ProgressBoard` and redraws a `ProgressFrame` in place:
/// at most once per `refresh` however many events arrive (a burst of ten thousand node events
/// is one redraw), and once a second when nothing happens, so elapsed times tick. Each redraw
/// is at most a screenful, so output grows with time, never with the square of the node count.
/// Elsewhere (`.lines`) it writes one line per node or workflow transition.
public final class ProgressDisplay: Sendable {
  public enum Mode: Sendable {
    case table
    case lines
  }

  private struct State {
    var board = ProgressBoard()
    var dirty = false
    var drawnLines = 0
    var lastDraw: WallTime?
    var loop: Task<Void, Never>?
  }

  private let mode: Mode
  private let clock: any WallClock
  private let start: Date
  private let style: TerminalStyle
  private let size: @Sendable () -> TerminalSize
  private let write: @Sendable (String) -> Void
  private let refresh: Duration
  private let state = Mutex(State())

  public init(
    mode: Mode, clock: any WallClock, style: TerminalStyle, size: @escaping @Sendable () -> TerminalSize,
    write: @escaping @Sendable (String) -> Void, refresh: Duration = .milliseconds(100)
  ) {
    self.mode = mode
    self.clock = clock
    self.start = clock.now.date
    self.style = style
    self.size = size
    self.write = write
    self.refresh = refresh
  }

  /// Starts redrawing (table mode only); `finish()` stops it.
  public func begin() {
    guard mode == .table else { return }
    let task = Task { [self] in await redrawLoop() }
    state.withLock { $0.loop = task }
  }

  public func show(_ event: EngineEvent) {
    switch (mode, event.message) {
    case (.lines, .node), (.lines, .workflow):
      write(Self.line(for: event, start: start) + "\n")
    case (.table, .node(let node)):
      state.withLock { state in
        state.board.record(
          node: event.nodeID ?? "?", name: event.nodeName, phase: node.phase, at: event.occurredAt,
          detail: Self.detail(of: event))
        state.dirty = true
      }
    case (.table, .workflow(let workflow)):
      state.withLock { state in
        state.board.record(workflow: workflow.phase)
        state.dirty = true
      }
    case (_, .task):
      break
    }
  }

  /// Stops redrawing and draws the final state once more.
  public func finish() async {
    guard mode == .table else { return }
    let loop = state.withLock { $0.loop.take() }
    loop?.cancel()
    await loop?.value
    draw(at: clock.now)
  }

  private func redrawLoop() async {
    while !Task.isCancelled {
      do { try await clock.sleep(for: refresh) } catch { return }
      let now = clock.now
      let due = state.withLock { state in
        state.dirty || state.lastDraw.map { $0.duration(to: now) >= .seconds(1) } ?? false
      }
      if due { draw(at: now) }
    }
  }

  private func draw(at now: WallTime) {
    let size = size()
    state.withLock { state in
      let frame = ProgressFrame(board: state.board, now: now.date, start: start, size: size, style: style)
      let erase = state.drawnLines > 0 ? "\u{1B}[\(state.drawnLines)F\u{1B}[J" : ""
      state.drawnLines = frame.lines.count
      state.dirty = false
      state.lastDraw = now
      write(erase + frame.lines.joined(separator: "\n") + "\n")
    }
  }

  /// `[  12.34s] n0 my_task: Running — reason`.
  static func line(for event: EngineEvent, start: Date) -> String {
    let elapsed = String(format: "%7.2fs", event.occurredAt.timeIntervalSince(start))
    let id = event.nodeID ?? "workflow"
    var text = "[\(elapsed)] \(id) \(event.nodeName): \(event.phaseName)"
    let detail = detail(of: event)
    if !detail.isEmpty { text += " — \(detail)" }
    return text
  }

  /// The event's reason, or "cache hit" for a node whose outputs came from the data cache.
  static func detail(of event: EngineEvent) -> String {
    guard case .node(let node) = event.message, node.taskNodeMetadata.cacheStatus == .cacheHit else {
      return event.detail
    }
    return event.detail.isEmpty ? "cache hit" : "cache hit; \(event.detail)"
  }
}
