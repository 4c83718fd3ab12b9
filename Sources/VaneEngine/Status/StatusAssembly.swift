import Foundation
import SwiftProtobuf
import VaneModel
import VaneStore

/// An execution status from what the store holds: the head (`Vane_ExecutionStatus` without
/// node statuses, or with all of them for a status written whole) and one record per node
/// (`NodeStatus` without its children) by `StatusPath`. See `StatusChanges` for the writes.
enum StatusAssembly {
  /// The status `head` and `records` stand for. Throws `EngineError.invalidExecution` for a
  /// record that cannot be decoded, a malformed path, or a node whose parent has no record.
  static func status(head: Data, records: [String: Data]) throws -> Vane_ExecutionStatus {
    var status = try Vane_ExecutionStatus(serializedBytes: head)
    guard !records.isEmpty else { return status }
    // Deepest first, so every node gets all its children before it joins its parent; each
    // children map is built in place once (assigning into a nested message would copy the
    // parent's map for every child).
    var parsed: [(ids: [String], path: String, body: Data)] = []
    parsed.reserveCapacity(records.count)
    for (path, body) in records {
      guard let ids = StatusPath.ids(path) else {
        throw EngineError(.invalidExecution, "status record '\(path.prefix(80))' has a malformed path")
      }
      parsed.append((ids, path, body))
    }
    parsed.sort { $0.ids.count > $1.ids.count }
    let parentPaths = parsed.map { StatusPath.path($0.ids.dropLast()) }
    var children: [String: [String: Vane_NodeStatus]] = [:]
    for (record, parent) in zip(parsed, parentPaths) {
      var node: Vane_NodeStatus
      do {
        node = try Vane_NodeStatus(serializedBytes: record.body)
      } catch {
        throw EngineError(.invalidExecution, "status record '\(record.path.prefix(80))' cannot be decoded: \(error)")
      }
      if let own = children.removeValue(forKey: record.path) { node.children = own }
      children[parent, default: [:]][record.ids[record.ids.count - 1]] = node
    }
    if let top = children.removeValue(forKey: "") {
      status.nodes.merge(top) { _, recorded in recorded }
    }
    if let orphan = children.keys.first {
      throw EngineError(
        .invalidExecution, "status records under '\(orphan.prefix(80))' have no record of their parent node")
    }
    return status
  }
}
