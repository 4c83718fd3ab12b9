public import Foundation

/// The timeline (Gantt chart) of an execution: one row per box of its graph (groups as one
/// row spanning their members), bars for waiting, earlier attempts and the last attempt, and
/// the critical path marked. Positions are percentages of the execution's span.
public struct TimelineView: Sendable {
  public struct Segment: Sendable {
    /// `wait`, `retry`, or the phase class of the last attempt.
    public var cssClass: String
    public var left: String
    public var width: String
    public var title: String
  }

  public struct Row: Sendable {
    public var id: String
    public var label: String
    public var indent: Int
    public var critical: Bool
    public var segments: [Segment]
    public var duration: String
    public var href: String
  }

  public struct Tick: Sendable {
    public var left: String
    public var text: String
  }

  public var rows: [Row]
  public var ticks: [Tick]
  /// Rows left out past `maximumRows`, nil when none (templates read stored properties only).
  public var hiddenRows: Int?
  public var hasRows: Bool

  static let maximumRows = 400

  /// The timeline of the boxes of `graph` (nested graphs indented) with their `timings`.
  public init(
    graph: ExecutionGraph, timings: [String: NodeTiming], critical: Set<String>, now: Date,
    href: (String) -> String
  ) {
    var ordered: [(GraphNode, Int)] = []
    func collect(_ graph: ExecutionGraph, depth: Int) {
      for node in graph.nodes where node.kind != .start && node.kind != .end {
        ordered.append((node, depth))
        if let inner = graph.expanded[node.id] { collect(inner, depth: depth + 1) }
      }
    }
    collect(graph, depth: 0)
    let timed = ordered.filter { timings[$0.0.id]?.started != nil }
    let starts = timed.compactMap { timings[$0.0.id]?.queued ?? timings[$0.0.id]?.started }
    let ends = timed.compactMap { timings[$0.0.id]?.end(now: now) }
    guard let origin = starts.min(), let last = ends.max() else {
      (rows, ticks, hiddenRows, hasRows) = ([], [], nil, false)
      return
    }
    let span = max(last.timeIntervalSince(origin), 0.001)
    func percent(_ date: Date) -> Double { min(100, max(0, date.timeIntervalSince(origin) / span * 100)) }
    func segment(_ css: String, _ from: Date, _ to: Date, _ what: String) -> Segment {
      let left = percent(from)
      let width = max(0.15, percent(to) - left)
      return Segment(
        cssClass: css, left: String(format: "%.3f%%", left), width: String(format: "%.3f%%", width),
        title: "\(what): \(ElapsedText.format(to.timeIntervalSince(from)))")
    }
    let shown = timed.sorted { (timings[$0.0.id]!.started!, $0.1) < (timings[$1.0.id]!.started!, $1.1) }
    rows = shown.prefix(Self.maximumRows).map { node, depth in
      let timing = timings[node.id]!
      let started = timing.started!
      let end = timing.end(now: now)!
      var segments: [Segment] = []
      if let queued = timing.queued, queued < started { segments.append(segment("wait", queued, started, "waiting")) }
      let lastStart = timing.lastAttemptStarted ?? started
      if lastStart > started {
        segments.append(segment("retry", started, lastStart, "\(timing.attempts - 1) earlier attempt(s)"))
      }
      segments.append(segment(node.style.cssClass, lastStart, end, timing.stopped == nil ? "running" : "ran"))
      let attempts = timing.attempts > 1 ? " · \(timing.attempts) attempts" : ""
      return Row(
        id: node.id, label: node.label, indent: depth, critical: critical.contains(node.id), segments: segments,
        duration: ElapsedText.format(end.timeIntervalSince(started)) + attempts, href: href(node.id))
    }
    hiddenRows = shown.count > Self.maximumRows ? shown.count - Self.maximumRows : nil
    hasRows = !rows.isEmpty
    ticks = (0...4).map { index in
      Tick(left: "\(index * 25)%", text: "+" + ElapsedText.format(span * Double(index) / 4))
    }
  }
}
