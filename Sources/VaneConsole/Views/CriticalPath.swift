public import Foundation

/// The chain of nodes that decided how long an execution took: from the node that finished
/// last (the end node when it ran), back through the upstream node that finished last before
/// it, to the start. Shortening anything off this chain would not have ended the execution
/// sooner.
public enum CriticalPath {
  /// The element ids on the critical path, first to last. `edges` are the graph's
  /// dependencies; elements without a start time are never on it.
  public static func compute(edges: [GraphEdge], timings: [String: NodeTiming], now: Date) -> [String] {
    var upstream: [String: [String]] = [:]
    for edge in edges { upstream[edge.to, default: []].append(edge.from) }
    // Finish last, and on a tie the one that started last (it waited on the others).
    func later(_ a: String, _ b: String) -> Bool {
      let (ea, eb) = (timings[a]?.end(now: now) ?? .distantPast, timings[b]?.end(now: now) ?? .distantPast)
      if ea != eb { return ea > eb }
      return (timings[a]?.started ?? .distantPast) > (timings[b]?.started ?? .distantPast)
    }
    let started = timings.keys.filter { timings[$0]?.started != nil }
    guard var current = started.sorted(by: { later($0, $1) || (!later($1, $0) && $0 < $1) }).first else { return [] }
    var path = [current]
    var visited: Set<String> = [current]
    while let candidates = upstream[current]?.filter({ timings[$0]?.started != nil && !visited.contains($0) }),
      let previous = candidates.sorted(by: { later($0, $1) || (!later($1, $0) && $0 < $1) }).first
    {
      path.append(previous)
      visited.insert(previous)
      current = previous
    }
    return path.reversed()
  }
}
