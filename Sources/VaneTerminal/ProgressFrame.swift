import FlyteIDL
public import Foundation

/// One drawing of the board for a terminal of a given size: a summary line, a header, and the
/// nodes that need attention — failed ones first, then running ones — as many as fit, with a
/// count of those that do not. Never taller than the terminal (less one row, so the cursor's
/// line does not scroll) nor wider (no line wraps, so redrawing in place stays exact).
public struct ProgressFrame: Sendable {
  public let lines: [String]

  public init(board: ProgressBoard, now: Date, start: Date, size: TerminalSize, style: TerminalStyle) {
    let width = max(size.columns - 1, 20)
    let height = max(size.rows - 1, 3)
    var lines = [Self.summary(board, elapsed: now.timeIntervalSince(start), width: width, style: style)]
    // The name column gives way first on a narrow terminal, so phase and time stay in view.
    let nameWidth = min(max(width - 37, 8), 34)
    lines.append(Self.fit(Self.row("NODE", "RUNS", "PHASE", "TIME", "", nameWidth: nameWidth), width))
    let slots = height - lines.count
    let failed = board.count(.failed)
    let running = board.count(.running)
    let shown = failed + running <= slots ? failed + running : slots - 1
    var rows = board.nodes(in: .failed, limit: shown)
    rows += board.nodes(in: .running, limit: shown - rows.count)
    for node in rows {
      let end = node.ended ?? now
      let text = Self.row(
        node.id, node.name, Self.phaseName(node), ElapsedText.of(end.timeIntervalSince(node.since)), node.detail,
        nameWidth: nameWidth)
      lines.append(style.paint(Self.fit(text, width), node.group))
    }
    let hidden = failed + running - rows.count
    if hidden > 0 {
      let hiddenFailed = failed - rows.filter { $0.group == .failed }.count
      let parts = [(hiddenFailed, "failed"), (hidden - hiddenFailed, "running")].filter { $0.0 > 0 }
      lines.append(Self.fit("  … and " + parts.map { "\($0.0) more \($0.1)" }.joined(separator: ", "), width))
    }
    self.lines = lines
  }

  private static func summary(
    _ board: ProgressBoard, elapsed: TimeInterval, width: Int, style: TerminalStyle
  )
    -> String
  {
    let phase = workflowPhaseName(board)
    let always: [ProgressGroup] = [.succeeded, .running, .queued]
    let groups = always + [ProgressGroup.failed, .skipped, .aborted].filter { board.count($0) > 0 }
    let counts = groups.map { (group: $0, text: "\(board.count($0)) \($0.word)") }
    let plain = "  \(phase) \(ElapsedText.of(elapsed))  " + counts.map(\.text).joined(separator: " / ")
    guard style.colors, plain.count <= width else { return fit(plain, width) }
    return "  \(style.bold(phase)) \(ElapsedText.of(elapsed))  "
      + counts.map { board.count($0.group) > 0 ? style.paint($0.text, $0.group) : $0.text }.joined(separator: " / ")
  }

  private static func row(
    _ id: String, _ name: String, _ phase: String, _ time: String, _ detail: String, nameWidth: Int
  ) -> String {
    let line = "  \(pad(id, 14)) \(pad(name, nameWidth)) \(pad(phase, 10)) \(pad(time, 7))"
    let oneLine = detail.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    guard !oneLine.isEmpty else { return String(line.reversed().drop { $0 == " " }.reversed()) }
    return line + " " + oneLine
  }

  private static func phaseName(_ node: ProgressBoard.Node) -> String {
    switch node.phase {
    case .undefined, .queued, .UNRECOGNIZED(_): "Queued"
    case .running: "Running"
    case .dynamicRunning: "Dynamic"
    case .failing: "Failing"
    case .succeeded: "Succeeded"
    case .recovered: "Recovered"
    case .failed: "Failed"
    case .timedOut: "TimedOut"
    case .skipped: "Skipped"
    case .aborted: "Aborted"
    }
  }

  private static func workflowPhaseName(_ board: ProgressBoard) -> String {
    switch board.workflowPhase {
    case .undefined, .queued, .UNRECOGNIZED(_): "Queued"
    case .running: "Running"
    case .succeeding: "Succeeding"
    case .succeeded: "Succeeded"
    case .failing: "Failing"
    case .failed: "Failed"
    case .aborting: "Aborting"
    case .aborted: "Aborted"
    case .timedOut: "TimedOut"
    }
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width
      ? String(text.prefix(width - 1)) + "…" : text + String(repeating: " ", count: width - text.count)
  }

  private static func fit(_ text: String, _ width: Int) -> String {
    text.count <= width ? text : String(text.prefix(width - 1)) + "…"
  }
}
