public import FlyteIDL
public import Foundation

/// What the terminal knows of one execution: each node's latest phase, and how many nodes
/// are in each group. Pure state — the display decides when to draw it (`ProgressFrame`).
///
/// Counts are kept as nodes move, so the summary costs nothing per event whatever the number
/// of nodes; only the rows a frame shows are looked at when drawing.
public struct ProgressBoard: Sendable {
  public struct Node: Sendable, Equatable {
    public let id: String
    public var name: String
    public var phase: Flyteidl_Core_NodeExecution.Phase
    /// When the node was first seen (its first event).
    public let since: Date
    /// When it reached a final group; nil while it is queued or running.
    public var ended: Date?
    /// The reason or error message of its latest event.
    public var detail: String

    public var group: ProgressGroup { ProgressGroup(phase) }
  }

  private var nodes: [String: Node] = [:]
  /// Node ids in the order they were first seen: the order rows are listed in.
  private var order: [String] = []
  private var counts: [ProgressGroup: Int] = [:]
  public private(set) var workflowPhase: Flyteidl_Core_WorkflowExecution.Phase = .undefined

  public init() {}

  /// Records a node's phase change.
  public mutating func record(
    node id: String, name: String, phase: Flyteidl_Core_NodeExecution.Phase, at time: Date, detail: String
  ) {
    let group = ProgressGroup(phase)
    if var node = nodes[id] {
      counts[node.group, default: 0] -= 1
      node.name = name.isEmpty ? node.name : name
      node.phase = phase
      node.detail = detail
      node.ended = group.isFinal ? (node.ended ?? time) : nil
      nodes[id] = node
    } else {
      nodes[id] = Node(
        id: id, name: name, phase: phase, since: time, ended: group.isFinal ? time : nil, detail: detail)
      order.append(id)
    }
    counts[group, default: 0] += 1
  }

  public mutating func record(workflow phase: Flyteidl_Core_WorkflowExecution.Phase) {
    workflowPhase = phase
  }

  /// How many nodes are in `group` now.
  public func count(_ group: ProgressGroup) -> Int { counts[group, default: 0] }

  /// Every node seen.
  public var nodeCount: Int { order.count }

  /// Up to `limit` nodes of `group`, in the order they were first seen.
  public func nodes(in group: ProgressGroup, limit: Int) -> [Node] {
    guard limit > 0, count(group) > 0 else { return [] }
    var found: [Node] = []
    for id in order {
      guard let node = nodes[id], node.group == group else { continue }
      found.append(node)
      if found.count == limit { break }
    }
    return found
  }

  public func node(_ id: String) -> Node? { nodes[id] }
}
