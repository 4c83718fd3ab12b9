import Foundation
import Logging
import VaneModel
import VaneStore
import VaneStorePostgres
import VaneTesting

@testable import VaneReplica

/// Replicas on one schema, each with its own clock (a paused replica's clock stands still),
/// beaten by the test at the times it chooses.
struct TestReplica {
  let heartbeat: ReplicaHeartbeat
  let book: LeaseBook
  let store: ShardedResourceStore
  let clock: ManualClock
  let id: String

  init(_ id: String, store: PostgresResourceStore, shards: Int, ttl: Duration = .seconds(10)) throws {
    let settings = try ReplicaSettings(id: id, shards: try ShardMap(count: shards), leaseTTL: ttl)
    clock = ManualClock(start: WallTime(ReplicaGroupTime.start))
    book = LeaseBook(shards: settings.shards, clock: clock, margin: settings.ownershipMargin, poke: { _ in })
    heartbeat = ReplicaHeartbeat(
      settings: settings,
      leases: ShardLeaseStore(migrated: store.client, schema: store.schema, logger: Logger(label: id)),
      book: book)
    self.store = ShardedResourceStore(store: store, leases: book)
    self.id = id
  }

  /// One beat at `seconds` after the start, with this replica's clock moved there first.
  @discardableResult
  func beat(at seconds: Double) async throws -> HeartbeatReport {
    clock.advance(to: WallTime(ReplicaGroupTime.start.addingTimeInterval(seconds)))
    return try await heartbeat.beat(now: clock.now.date)
  }

  var shards: Set<Int> { Set(book.heldShards.keys) }
}

enum ReplicaGroupTime {
  static let start = Date(timeIntervalSince1970: 1_800_000_000)
}
