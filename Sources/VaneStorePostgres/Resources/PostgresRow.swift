import Foundation
import PostgresNIO
import VaneStore

/// Conversions between columns and resource values, and the checks PostgreSQL needs on keys.
enum PostgresRow {
  /// The metadata columns every read selects, in the order `metadata` decodes them.
  static let metadataColumns = "version, created_at, terminal, abort_requested_at, abort_reason, labels"

  typealias MetadataColumns = (Int64, Int64, Bool, Int64?, String?, Data)

  static func metadata(
    _ columns: MetadataColumns, key: ResourceKey, operation: String
  ) throws(StoreError)
    -> ResourceMetadata
  {
    let (version, createdAt, terminal, abortAt, abortReason, labels) = columns
    let abort = abortAt.map { AbortRequest(reason: abortReason ?? "", requestedAt: date($0)) }
    return ResourceMetadata(
      key: key, version: version, labels: try ResourceLabels.decode(labels, operation: operation),
      createdAt: date(createdAt),
      isTerminal: terminal, abortRequest: abort)
  }

  static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
  }

  static func date(_ milliseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(milliseconds) / 1000)
  }

  static func microseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
  }

  static func date(microseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
  }

  /// Throws `invalidArgument` for a key PostgreSQL cannot hold or notify: an empty part, a NUL
  /// (text cannot contain one) or a part over `PostgresResourceStore.maxKeyPartBytes`.
  static func check(_ key: ResourceKey, operation: String) throws(StoreError) {
    for part in [key.project, key.domain, key.name] {
      guard !part.isEmpty else {
        throw StoreError(
          .invalidArgument, "resource key '\(key)' needs a non-empty project, domain and name", operation: operation)
      }
      guard part.utf8.count <= PostgresResourceStore.maxKeyPartBytes, !part.utf8.contains(0) else {
        throw StoreError(
          .invalidArgument,
          "resource key part '\(part.prefix(64))' is over \(PostgresResourceStore.maxKeyPartBytes) bytes or holds NUL",
          operation: operation)
      }
    }
  }

  /// Throws `invalidArgument` for text PostgreSQL cannot hold (a NUL).
  static func check(text: String, _ what: String, operation: String) throws(StoreError) {
    guard !text.utf8.contains(0) else {
      throw StoreError(.invalidArgument, "\(what) holds a NUL character", operation: operation)
    }
  }

  /// Throws `invalidArgument` for a status write whose record paths PostgreSQL cannot hold.
  static func check(_ status: StatusWrite, operation: String) throws(StoreError) {
    for path in status.records.keys {
      try check(text: path, "status record path '\(path.prefix(64))'", operation: operation)
    }
    for path in status.removed {
      try check(text: path, "status record path '\(path.prefix(64))'", operation: operation)
    }
  }

  /// Status records from the two path-ordered arrays a read selects.
  static func records(paths: [String], bodies: [ByteBuffer], operation: String) throws(StoreError) -> [String: Data] {
    guard paths.count == bodies.count else {
      throw StoreError(
        .corrupt, "read \(paths.count) status record paths but \(bodies.count) bodies", operation: operation)
    }
    var records: [String: Data] = [:]
    records.reserveCapacity(paths.count)
    for (path, body) in zip(paths, bodies) { records[path] = Data(body.readableBytesView) }
    return records
  }

  /// The advisory lock id that serializes event numbering for `key` in `schema`.
  static func eventLockID(_ key: ResourceKey, schema: PostgresStoreSchema) -> Int64 {
    Int64(bitPattern: FNV1a.hash64("events\u{0}\(schema.name)\u{0}\(key.project)\u{0}\(key.domain)\u{0}\(key.name)"))
  }
}

extension ResourceKey {
  /// The key's part of a notification payload (see `PostgresChange`).
  var notificationSuffix: String {
    [project, domain, name].map { "\($0.utf8.count):\($0)" }.joined()
  }
}
