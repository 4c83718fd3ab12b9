import Foundation
import SwiftProtobuf
import VaneModel
import VaneStore

/// The `StatusWrite` that takes the store from one status to the next: the head, a record for
/// every node whose own fields changed or that is new, and the removal of every node (with its
/// subtree) that is gone. A round that changed three nodes of ten thousand writes three
/// records.
///
/// Finding them is cheap because statuses share storage: the round mutates a copy of the status
/// it started from, so a node it did not touch is the same object in both, and comparing it is
/// one pointer comparison (protobuf messages compare their storage's identity first) — the
/// whole subtree of an untouched node is skipped at once.
enum StatusChanges {
  /// The write from `before` (as stored in records; `nil` when the store holds it any other
  /// way, e.g. written whole) to `after`. With no `before` the write replaces every record.
  static func write(from before: Vane_ExecutionStatus?, to after: Vane_ExecutionStatus) throws -> StatusWrite {
    var head = after
    head.nodes = [:]
    var write = StatusWrite(head: try head.serializedBytes(), replacesRecords: before == nil)
    try changes(from: before?.nodes ?? [:], to: after.nodes, under: "", into: &write)
    return write
  }

  private static func changes(
    from before: [String: Vane_NodeStatus], to after: [String: Vane_NodeStatus], under parent: String,
    into write: inout StatusWrite
  ) throws {
    for (id, node) in after {
      let path = StatusPath.child(id, of: parent)
      guard let old = before[id] else {
        try added(node, at: path, into: &write)
        continue
      }
      if old == node { continue }
      if own(old) != own(node) { write.records[path] = try own(node).serializedBytes() }
      try changes(from: old.children, to: node.children, under: path, into: &write)
    }
    for (id, old) in before where after[id] == nil {
      removed(old, at: StatusPath.child(id, of: parent), into: &write)
    }
  }

  private static func added(_ node: Vane_NodeStatus, at path: String, into write: inout StatusWrite) throws {
    write.records[path] = try own(node).serializedBytes()
    for (id, child) in node.children { try added(child, at: StatusPath.child(id, of: path), into: &write) }
  }

  private static func removed(_ node: Vane_NodeStatus, at path: String, into write: inout StatusWrite) {
    write.removed.append(path)
    for (id, child) in node.children { removed(child, at: StatusPath.child(id, of: path), into: &write) }
  }

  /// The node's own fields: its record.
  private static func own(_ node: Vane_NodeStatus) -> Vane_NodeStatus {
    guard !node.children.isEmpty else { return node }
    var own = node
    own.children = [:]
    return own
  }
}
