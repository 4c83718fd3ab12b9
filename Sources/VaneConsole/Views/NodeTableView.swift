public import Foundation
import VaneModel

/// The node table of an execution: every node, nested ones indented under their parent, with
/// phase, attempts, wait, duration and cache status; filtered by phase group or by the
/// members of a summarised group, one page at a time.
public struct NodeTableView: Sendable {
  public struct Row: Sendable {
    public var id: String
    public var name: String
    public var kind: String
    public var phase: String
    public var cssClass: String
    public var attempts: Int
    public var started: String
    public var wait: String
    public var duration: String
    public var cache: String
    public var indent: Int
    public var href: String
  }

  public var rows: [Row]
  public var total: Int
  public var page: Int
  public var pages: Int
  /// The neighbouring pages, nil at either end (stored: templates see stored properties only).
  public var previousPage: Int?
  public var nextPage: Int?

  public static let pageSize = 100

  /// Rows for `graph` (built with every node expanded) and the engine's statuses, keeping
  /// those in `style` (if given) and among `members` (if given), page `page` (from 1).
  public init(
    graph: ExecutionGraph, index: NodeStatusIndex, style: PhaseStyle?, members: Set<String>?, page: Int,
    now: Date, href: (String) -> String
  ) {
    var ordered: [(id: String, name: String, kind: String, depth: Int)] = []
    var seen: Set<String> = []
    func collect(_ graph: ExecutionGraph, depth: Int) {
      for node in graph.nodes where node.kind != .start && node.kind != .end {
        ordered.append((node.id, node.label, node.kind.rawValue, depth))
        seen.insert(node.id)
        if let inner = graph.expanded[node.id] { collect(inner, depth: depth + 1) }
      }
    }
    collect(graph, depth: 0)
    // Nodes the engine ran whose workflow the graph does not show (a dynamic subgraph not read).
    for entry in index.entries
    where !seen.contains(entry.uniqueID) && entry.nodeID != "start-node" && entry.nodeID != "end-node" {
      ordered.append((entry.uniqueID, entry.nodeID, "task", entry.depth))
    }
    let filtered = ordered.filter { row in
      if let members, !members.contains(row.id) { return false }
      if let style {
        return PhaseStyle(NodePhase(stored: index[row.id]?.status.phase ?? 0)) == style
      }
      return true
    }
    total = filtered.count
    pages = max(1, (filtered.count + Self.pageSize - 1) / Self.pageSize)
    self.page = min(max(1, page), pages)
    previousPage = self.page > 1 ? self.page - 1 : nil
    nextPage = self.page < pages ? self.page + 1 : nil
    let slice = filtered.dropFirst((self.page - 1) * Self.pageSize).prefix(Self.pageSize)
    rows = slice.map { row in
      let status = index[row.id]?.status
      let phase = NodePhase(stored: status?.phase ?? 0)
      let timing = status.map(NodeTiming.init) ?? NodeTiming()
      var wait = ""
      if let queued = timing.queued, let started = timing.started {
        wait = ElapsedText.format(started.timeIntervalSince(queued))
      }
      var duration = ""
      if let started = timing.started, let end = timing.end(now: now) {
        duration = ElapsedText.format(end.timeIntervalSince(started))
      }
      return Row(
        id: row.id, name: row.name, kind: row.kind, phase: PhaseStyle.name(phase), cssClass: PhaseStyle(phase).cssClass,
        attempts: Int(status?.attempts ?? 0), started: timing.started.map(ElapsedText.timestamp) ?? "",
        wait: wait, duration: duration, cache: Self.cacheText(status?.cacheStatus ?? 0), indent: row.depth,
        href: href(row.id))
    }
  }

  /// Flyte's catalog cache status, as a word.
  static func cacheText(_ status: Int32) -> String {
    switch status {
    case 1: "miss"
    case 2: "hit"
    case 3: "stored"
    case 4: "lookup failed"
    case 5: "store failed"
    case 6: "skipped"
    case 7: "evicted"
    default: ""
    }
  }
}
