import Foundation
import VaneData
public import VaneModel

/// The engine's node statuses of one execution by unique id, nested nodes included (their
/// unique ids built as the engine builds them), with each node's depth and parent.
public struct NodeStatusIndex: Sendable {
  public struct Entry: Sendable {
    public var uniqueID: String
    /// The node's id in its workflow (`n0`), not unique once nested.
    public var nodeID: String
    public var parent: String?
    public var depth: Int
    public var status: Vane_NodeStatus
  }

  /// Entries in depth-first order: each node followed by the nodes nested in it.
  public private(set) var entries: [Entry] = []
  private var positions: [String: Int] = [:]

  public init(_ status: Vane_ExecutionStatus?) {
    guard let status else { return }
    add(status.nodes, parent: nil, depth: 0)
  }

  private mutating func add(_ nodes: [String: Vane_NodeStatus], parent: Entry?, depth: Int) {
    for nodeID in nodes.keys.sorted(by: Self.nodeOrder) {
      let node = nodes[nodeID]!
      let uniqueID =
        parent.map {
          UniqueID.node(nodeID, parentUniqueID: $0.uniqueID, parentAttempt: max(1, $0.status.attempts) - 1)
        } ?? nodeID
      let entry = Entry(uniqueID: uniqueID, nodeID: nodeID, parent: parent?.uniqueID, depth: depth, status: node)
      positions[uniqueID] = entries.count
      entries.append(entry)
      if !node.children.isEmpty { add(node.children, parent: entry, depth: depth + 1) }
    }
  }

  /// The entry of `uniqueID`, if the engine has a status for it.
  public subscript(uniqueID: String) -> Entry? {
    positions[uniqueID].map { entries[$0] }
  }

  /// `n2` before `n10`: node ids compared by their text with numbers read as numbers.
  static func nodeOrder(_ a: String, _ b: String) -> Bool {
    a.compare(b, options: .numeric) == .orderedAscending
  }
}
