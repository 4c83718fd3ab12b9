import FlyteIDL

/// Upstream → downstream latencies: for every node with upstream nodes, the time from the last
/// of its upstream nodes succeeding to the node being queued (or running, if no queued event).
struct LatencyAnalysis {
  /// Latencies in milliseconds by the events' own timestamps and by the time they were observed.
  var byTimestamp: [Double] = []
  var byObservation: [Double] = []
  /// How long each node took from queued to succeeded (its own cost in the engine), ms.
  var nodeDurations: [Double] = []

  init(records: [EventTimeline.NodeRecord], closure: Flyteidl_Core_CompiledWorkflowClosure) {
    var upstream: [String: [String]] = [:]
    for workflow in [closure.primary] + closure.subWorkflows {
      for (node, list) in workflow.connections.upstream {
        let ids = list.ids.filter { $0 != "start-node" && $0 != "end-node" }
        if !ids.isEmpty { upstream[node] = ids }
      }
    }
    struct Key: Hashable {
      var execution: String
      var parent: String
      var node: String
    }
    var started: [Key: (Double, Double)] = [:]
    var succeeded: [Key: (Double, Double)] = [:]
    for record in records {
      let key = Key(execution: record.execution, parent: record.parent, node: record.specNode)
      switch record.phase {
      case .queued, .running:
        if started[key] == nil { started[key] = (record.occurredAt, record.observedAt) }
      case .succeeded:
        succeeded[key] = (record.occurredAt, record.observedAt)
      default: break
      }
    }
    for (key, start) in started {
      if let done = succeeded[key] { nodeDurations.append(max(0, done.0 - start.0) * 1000) }
      guard let ups = upstream[key.node] else { continue }
      var last: (Double, Double)?
      for up in ups {
        guard let done = succeeded[Key(execution: key.execution, parent: key.parent, node: up)] else {
          last = nil
          break
        }
        last = (max(last?.0 ?? done.0, done.0), max(last?.1 ?? done.1, done.1))
      }
      guard let last else { continue }
      byTimestamp.append(max(0, start.0 - last.0) * 1000)
      byObservation.append(max(0, start.1 - last.1) * 1000)
    }
    byTimestamp.sort()
    byObservation.sort()
    nodeDurations.sort()
  }

  static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
    guard !sorted.isEmpty else { return nil }
    let index = min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))
    return sorted[index]
  }
}
