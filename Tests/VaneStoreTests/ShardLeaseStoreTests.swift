import Foundation
import Logging
import Testing
import VaneStore
import VaneStorePostgres
import VaneTesting

/// Leases on the real server, with time passed in as the replicas' clocks would.
@Suite struct ShardLeaseStoreTests {
  private let start = Date(timeIntervalSince1970: 1_800_000_000)
  private let ttl = Duration.seconds(10)

  private func leases(_ store: PostgresResourceStore) -> ShardLeaseStore {
    ShardLeaseStore(migrated: store.client, schema: store.schema, logger: Logger(label: "leases"))
  }

  @Test func anExpiredLeaseIsTakenByAnotherReplicaWithAHigherToken() async throws {
    try await withPostgresStore { store in
      let leases = leases(store)
      let first = try #require(try await leases.acquire("shard/3", owner: "r1", now: start, ttl: ttl))
      #expect(first.expiresAt == start.addingTimeInterval(10))
      // Held and unexpired: nobody else, not even r1 again, gets it.
      #expect(try await leases.acquire("shard/3", owner: "r2", now: start.addingTimeInterval(9.999), ttl: ttl) == nil)
      #expect(try await leases.acquire("shard/3", owner: "r1", now: start.addingTimeInterval(5), ttl: ttl) == nil)
      #expect(try await leases.held(prefix: "shard/", now: start.addingTimeInterval(5)) == [first])

      let expiredAt = start.addingTimeInterval(10)
      let second = try #require(try await leases.acquire("shard/3", owner: "r2", now: expiredAt, ttl: ttl))
      #expect(second.owner == "r2" && second.token > first.token)
      // The old holder's renewal and release both fail: it lost the lease.
      #expect(try await leases.renew(first, now: expiredAt, ttl: ttl) == nil)
      #expect(try await leases.release(first) == false)
      #expect(try await leases.held(now: expiredAt) == [second])
    }
  }

  @Test func renewingKeepsTheLeaseAndReleasingFreesItAtOnce() async throws {
    try await withPostgresStore { store in
      let leases = leases(store)
      let lease = try #require(try await leases.acquire("leader/scheduler", owner: "r1", now: start, ttl: ttl))
      let renewed = try #require(try await leases.renew(lease, now: start.addingTimeInterval(8), ttl: ttl))
      #expect(renewed.token == lease.token && renewed.expiresAt == start.addingTimeInterval(18))
      // Past the first expiry, the renewed lease still holds.
      #expect(
        try await leases.acquire("leader/scheduler", owner: "r2", now: start.addingTimeInterval(12), ttl: ttl) == nil)
      // A renewal after expiry is too late, even with nobody else around.
      #expect(try await leases.renew(renewed, now: start.addingTimeInterval(18), ttl: ttl) == nil)

      let again = try #require(
        try await leases.acquire("leader/scheduler", owner: "r1", now: start.addingTimeInterval(20), ttl: ttl))
      #expect(try await leases.release(again))
      let taken = try #require(
        try await leases.acquire("leader/scheduler", owner: "r2", now: start.addingTimeInterval(20), ttl: ttl))
      #expect(taken.token > again.token)
      #expect(try await leases.held(prefix: "shard/", now: start.addingTimeInterval(20)).isEmpty)
    }
  }

  @Test func aWriteFencedWithAnOldTokenIsRefusedAndWritesNothing() async throws {
    try await withPostgresStore { store in
      let leases = leases(store)
      let created = try await store.create(key("a"), spec: Data(), status: bytes("s0"), labels: [:])
      let mine = try #require(try await leases.acquire("shard/7", owner: "r1", now: start, ttl: ttl))
      let event = NewExecutionEvent(key: key("a"), kind: .node, phase: 1, occurredAt: start, payload: bytes("e"))
      let written = try await store.update(
        key("a"), expectedVersion: created.metadata.version, status: .whole(bytes("s1")), terminal: false,
        appending: [event],
        fencedBy: mine)
      #expect(written.events.map(\.sequence) == [1])

      // r1 pauses past its lease; r2 takes the shard over with a higher token.
      let theirs = try #require(
        try await leases.acquire("shard/7", owner: "r2", now: start.addingTimeInterval(11), ttl: ttl))
      let stale = await storeErrorCode {
        _ = try await store.update(
          key("a"), expectedVersion: written.version, status: .whole(bytes("from r1")), terminal: true,
          appending: [event],
          fencedBy: mine)
      }
      #expect(stale == .fenced)
      let status = try #require(try await store.getStatus(key("a")))
      #expect(status.status == bytes("s1") && status.metadata.version == written.version)
      #expect(try await store.eventLog.events(for: key("a"), after: 0, limit: 10).count == 1)

      // The new owner writes from the same version.
      let next = try await store.update(
        key("a"), expectedVersion: written.version, status: .whole(bytes("from r2")), terminal: false,
        appending: [event],
        fencedBy: theirs)
      #expect(next.events.map(\.sequence) == [2])
      // A lease nobody holds any more (released) fences too.
      #expect(try await leases.release(theirs))
      let released = await storeErrorCode {
        _ = try await store.update(
          key("a"), expectedVersion: next.version, status: .whole(Data()), terminal: false, appending: [],
          fencedBy: theirs)
      }
      #expect(released == .fenced)
    }
  }

  @Test func aPlainUpdateFencedWithAnOldTokenIsRefusedAndWritesNothing() async throws {
    try await withPostgresStore { store in
      let leases = leases(store)
      let created = try await store.create(key("a"), spec: Data(), status: bytes("s0"), labels: [:])
      let mine = try #require(try await leases.acquire("shard/2", owner: "r1", now: start, ttl: ttl))
      let written = try await store.update(
        key("a"), expectedVersion: created.metadata.version, status: .whole(bytes("s1")), terminal: false,
        fencedBy: mine)
      #expect(written > created.metadata.version)

      // Taken over after r1's lease expired: r1's next write is refused, the status stays.
      let theirs = try #require(
        try await leases.acquire("shard/2", owner: "r2", now: start.addingTimeInterval(10), ttl: ttl))
      let stale = await storeErrorCode {
        _ = try await store.update(
          key("a"), expectedVersion: written, status: .whole(bytes("from r1")), terminal: true, fencedBy: mine)
      }
      #expect(stale == .fenced)
      let status = try #require(try await store.getStatus(key("a")))
      #expect(status.status == bytes("s1") && status.metadata.version == written && !status.metadata.isTerminal)

      // The new holder writes; the compare-and-swap still applies under the fence.
      let next = try await store.update(
        key("a"), expectedVersion: written, status: .whole(bytes("from r2")), terminal: false, fencedBy: theirs)
      #expect(try await store.getStatus(key("a"))?.status == bytes("from r2"))
      let conflict = await storeErrorCode {
        _ = try await store.update(
          key("a"), expectedVersion: written, status: .whole(Data()), terminal: false, fencedBy: theirs)
      }
      #expect(conflict == .conflict)
      let missing = await storeErrorCode {
        _ = try await store.update(
          key("none"), expectedVersion: next, status: .whole(Data()), terminal: false, fencedBy: theirs)
      }
      #expect(missing == .notFound)
    }
  }

  @Test func releasingAllOfAnOwnersLeasesFreesThemAndLeavesOthers() async throws {
    try await withPostgresStore { store in
      let leases = leases(store)
      var mine: [Lease] = []
      for shard in 0..<3 {
        mine.append(try #require(try await leases.acquire("shard/\(shard)", owner: "r1", now: start, ttl: ttl)))
      }
      // r1's shard/2 expired and r2 took it over: it is r2's now and stays.
      let expiredAt = start.addingTimeInterval(10)
      let long = Duration.seconds(60)
      let theirs = try #require(try await leases.acquire("shard/2", owner: "r2", now: expiredAt, ttl: long))
      let other = try #require(try await leases.acquire("shard/9", owner: "r2", now: expiredAt, ttl: long))
      let leader = try #require(try await leases.acquire("leader/scheduler", owner: "r1", now: expiredAt, ttl: long))
      // Renewed so they are unexpired when released.
      for index in 0..<2 { mine[index] = try #require(try await leases.renew(mine[index], now: start, ttl: long)) }

      #expect(try await leases.releaseAll(owner: "r1") == 3)
      #expect(try await leases.held(now: expiredAt) == [theirs, other])
      #expect(try await leases.releaseAll(owner: "r1") == 0)
      // Freed at once: another replica takes them long before they would have expired.
      let taken = try #require(try await leases.acquire("leader/scheduler", owner: "r3", now: expiredAt, ttl: ttl))
      #expect(taken.token > leader.token)
      #expect(try await leases.acquire("shard/0", owner: "r3", now: expiredAt, ttl: ttl) != nil)
      #expect(try await leases.renew(mine[1], now: expiredAt, ttl: ttl) == nil)
      for bad in ["", "r\u{0}", String(repeating: "r", count: 257)] {
        #expect(await storeErrorCode { _ = try await leases.releaseAll(owner: bad) } == .invalidArgument)
      }
    }
  }

  @Test func badLeaseArgumentsAreRefused() async throws {
    try await withPostgresStore { store in
      let leases = leases(store)
      let bad: [(name: String, owner: String, ttl: Duration)] = [
        ("", "r1", ttl), ("shard/1", "", ttl), ("shard/1", "r1", .zero), ("a\u{0}", "r1", ttl),
      ]
      for (name, owner, ttl) in bad {
        #expect(
          await storeErrorCode { _ = try await leases.acquire(name, owner: owner, now: start, ttl: ttl) }
            == .invalidArgument)
      }
      let none = try await leases.held(now: start)
      #expect(none.isEmpty)
    }
  }
}
