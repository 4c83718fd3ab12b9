import Foundation
import VaneModel
import VaneStore

/// An execution's status as the engine last read or wrote it, kept between rounds: while the
/// store is still at `version`, the next round starts from it without reading the status
/// again, and `StatusChanges` finds what changed by comparing with it. Any other writer (an
/// abort request, another replica) moves the version, and the status is read again.
struct KnownStatus: Sendable {
  /// The store's version this status is.
  var version: ResourceVersion
  var status: Vane_ExecutionStatus
  /// Whether the store holds it as records (one per node): only then can a write carry just
  /// the changes; otherwise the next write replaces every record.
  var inRecords: Bool
  /// The bytes of each stored record, and of head and records in all: what the status takes in
  /// the store, checked against `RoundLimits.statusBytes` without encoding it whole.
  private(set) var recordBytes: [String: Int]
  private(set) var totalBytes: Int
  private var headBytes: Int

  /// The status `stored` holds.
  init(_ stored: StoredStatus) throws {
    version = stored.metadata.version
    status = try stored.executionStatus()
    inRecords = status.nodes.isEmpty || !stored.records.isEmpty
    recordBytes = stored.records.mapValues(\.count)
    headBytes = stored.status.count
    totalBytes = headBytes + recordBytes.values.reduce(0, +)
    // A status written whole keeps its nodes in the head: nothing of it is in records yet.
    if !inRecords { recordBytes = [:] }
  }

  /// The bytes the status takes once `write` is applied.
  func totalBytes(after write: StatusWrite) -> Int {
    var total = write.head.count
    if write.replacesRecords {
      return total + write.records.values.reduce(0) { $0 + $1.count }
    }
    total += totalBytes - headBytes
    for path in write.removed { total -= recordBytes[path] ?? 0 }
    for (path, body) in write.records { total += body.count - (recordBytes[path] ?? 0) }
    return total
  }

  /// The status after `write` committed at `version`.
  mutating func applied(_ write: StatusWrite, status: Vane_ExecutionStatus, version: ResourceVersion) {
    let total = totalBytes(after: write)
    if write.replacesRecords { recordBytes = [:] }
    for path in write.removed { recordBytes.removeValue(forKey: path) }
    for (path, body) in write.records { recordBytes[path] = body.count }
    self.status = status
    self.version = version
    totalBytes = total
    headBytes = write.head.count
    inRecords = true
  }
}
