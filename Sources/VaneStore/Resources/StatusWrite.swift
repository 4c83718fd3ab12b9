public import Foundation

/// What one status write changes. A status is stored as a small *head* and any number of
/// *records* by path (the engine keeps one per node), so a round that changed three nodes of
/// ten thousand writes three records, not the whole status. The store treats both as opaque
/// bytes; reading a status returns the head and every record (`StoredStatus.records`).
public struct StatusWrite: Hashable, Sendable {
  /// The new head; it always replaces the stored one.
  public var head: Data
  /// Records to store (insert or replace), by path.
  public var records: [String: Data]
  /// Paths of records to delete; a path missing from the store is not an error.
  public var removed: [String]
  /// Whether every stored record not in `records` goes: the write then stands for the whole
  /// status, whatever was stored before.
  public var replacesRecords: Bool

  /// Creates a write.
  public init(head: Data, records: [String: Data] = [:], removed: [String] = [], replacesRecords: Bool) {
    self.head = head
    self.records = records
    self.removed = removed
    self.replacesRecords = replacesRecords
  }

  /// A status written whole, as one head and no records.
  public static func whole(_ status: Data) -> StatusWrite {
    StatusWrite(head: status, replacesRecords: true)
  }

  /// The bytes this write sends: head, records and their paths, removed paths.
  public var byteCount: Int {
    head.count + records.reduce(0) { $0 + $1.key.utf8.count + $1.value.count }
      + removed.reduce(0) { $0 + $1.utf8.count }
  }
}
