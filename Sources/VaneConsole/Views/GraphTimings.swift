/// The timing of each box of a graph: a node's own, or for a group the span covering its
/// members.
public enum GraphTimings {
  public static func of(_ graph: ExecutionGraph, index: NodeStatusIndex) -> [String: NodeTiming] {
    var timings: [String: NodeTiming] = [:]
    for node in graph.allNodes {
      if node.members.isEmpty {
        if let entry = index[node.id] { timings[node.id] = NodeTiming(entry.status) }
      } else {
        let members = node.members.compactMap { index[$0].map { NodeTiming($0.status) } }
        if !members.isEmpty { timings[node.id] = NodeTiming.covering(members) }
      }
    }
    return timings
  }
}
