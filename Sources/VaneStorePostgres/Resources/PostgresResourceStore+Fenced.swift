import Foundation
import Logging
import PostgresNIO
public import VaneStore

extension PostgresResourceStore {
  /// `update(_:expectedVersion:status:terminal:appending:)` on behalf of the holder of
  /// `lease` (the execution's shard lease): refused with `fenced`, writing nothing, unless the
  /// lease is still held with `lease.token`. Expiry alone does not fence — until someone else
  /// takes the lease nobody else can write — a takeover does.
  public func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool,
    appending events: [NewExecutionEvent], fencedBy lease: Lease
  ) async throws(StoreError) -> (version: ResourceVersion, events: [ExecutionEvent]) {
    try await update(
      key, expectedVersion: expectedVersion, status: status, terminal: terminal, appending: events, fence: lease)
  }

  /// `update(_:expectedVersion:status:terminal:)` on behalf of the holder of `lease`: the
  /// same fence as the appending update (it is that update with no events, one transaction).
  public func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool, fencedBy lease: Lease
  ) async throws(StoreError) -> ResourceVersion {
    try await update(
      key, expectedVersion: expectedVersion, status: status, terminal: terminal, appending: [], fence: lease
    ).version
  }

  /// Throws `fenced` unless the lease row holds `fence.token`, and key-share-locks it until the
  /// write commits: the holder cannot release (delete) it under a write in flight, while a
  /// takeover of an expired lease (an update of its token) is never blocked — a replica paused
  /// in the middle of a write must not hold up the others. A write already past this check when
  /// the lease is taken over can still commit, but only through the compare-and-swap on the
  /// execution's version: the new owner's own write then conflicts and re-reads, so nothing of
  /// the new owner's is overwritten.
  static func checkFence(
    _ fence: Lease, on connection: PostgresConnection, leases: String, logger: Logger
  ) async throws {
    let rows = try await connection.query(
      "SELECT token FROM \(unescaped: leases) WHERE name = \(fence.name) FOR KEY SHARE", logger: logger)
    var current: Int64?
    for try await row in rows { current = try row.decode(Int64.self) }
    guard current == fence.token else {
      let now = current.map { "token \($0)" } ?? "nobody"
      throw StoreError(
        .fenced, "lease \(fence.name) is held with \(now), not \(fence.owner)'s token \(fence.token); stop writing",
        operation: "fenced write under \(fence.name)")
    }
  }
}
