import Foundation
import Logging
import Synchronization
import Testing
import VaneModel
import VaneStore
import VaneStorePostgres
import VaneTesting

@testable import VaneReplica

/// The heartbeat service on the real lease table, its time on a manual clock.
@Suite struct ReplicaServiceTests {
  @Test func itBeatsOnItsClockHandsGainedShardsOverAndLeavesTheGroupWhenStopped() async throws {
    try await withPostgresStore { store in
      let clock = ManualClock(start: WallTime(ReplicaGroupTime.start))
      let settings = try ReplicaSettings(id: "r1", shards: try ShardMap(count: 8), leaseTTL: .seconds(9))
      let leases = ShardLeaseStore(migrated: store.client, schema: store.schema, logger: Logger(label: "r1"))
      let book = LeaseBook(shards: settings.shards, clock: clock, margin: settings.ownershipMargin, poke: { _ in })
      let (gained, gains) = AsyncStream<[Int]>.makeStream()
      let losses = Mutex(0)
      let service = ReplicaService(
        settings: settings, leases: leases, book: book, clock: clock, logger: Logger(label: "r1"),
        onGained: { gains.yield($0) }, onLost: { losses.withLock { $0 += 1 } })
      var received = gained.makeAsyncIterator()
      let running = Task { await service.run() }

      // The first beat at start takes every shard and the leader lease, and hands the shards over.
      #expect(Set(try #require(await received.next())) == Set(0..<8))
      try await clock.waitForSleeper(after: settings.heartbeat)
      #expect(service.status.snapshot.shards == Array(0..<8) && service.leadership.leads)
      #expect(try await leases.held(prefix: "shard/", now: clock.now.date).count == 8)

      // A heartbeat later the leases are renewed to a new expiry: the clock drives it.
      clock.advance(by: settings.heartbeat)
      try await clock.waitForSleeper(after: settings.heartbeat)
      let renewed = try #require(book.heldShards[0])
      #expect(renewed.expiresAt == clock.now.date.addingTimeInterval(9))
      #expect(service.status.snapshot.renewals == 8)
      #expect(losses.withLock { $0 } == 0)

      // A second replica joins: r1 gives up its share of shards (released a beat after it stops
      // starting rounds there) and says so, once they are gone.
      let joining = try ReplicaSettings(id: "r2", shards: try ShardMap(count: 8), leaseTTL: .seconds(9))
      let other = ReplicaHeartbeat(
        settings: joining, leases: leases,
        book: LeaseBook(shards: joining.shards, clock: clock, margin: joining.ownershipMargin, poke: { _ in }))
      _ = try await other.beat(now: clock.now.date)
      for _ in 0..<3 where losses.withLock({ $0 }) == 0 {
        clock.advance(by: settings.heartbeat)
        try await clock.waitForSleeper(after: settings.heartbeat)
      }
      #expect(losses.withLock { $0 } == 1)
      #expect(book.heldShards.count == 4)

      // Stopped: it leaves the group, so another replica need not wait for the TTL.
      running.cancel()
      await running.value
      #expect(try await leases.held(now: clock.now.date).allSatisfy { $0.owner != "r1" })
      #expect(!service.leadership.leads && book.heldShards.isEmpty)
    }
  }
}
