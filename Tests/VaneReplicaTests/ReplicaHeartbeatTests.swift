import Foundation
import Testing
import VaneModel
import VaneStore
import VaneStorePostgres
import VaneTesting

@testable import VaneReplica

/// Heartbeats of several replicas against the real lease table, time passed in.
@Suite struct ReplicaHeartbeatTests {
  /// Beats every replica once per second from `from` until their shards are a fair, disjoint
  /// cover of all `count`; returns the time of the last beat.
  private func converge(_ replicas: [TestReplica], count: Int, from: Double) async throws -> Double {
    var time = from
    for _ in 0..<8 {
      for replica in replicas { try await replica.beat(at: time) }
      time += 1
      let held = replicas.map(\.shards)
      let union = held.reduce(into: Set<Int>()) { $0.formUnion($1) }
      let sizes = held.map(\.count).sorted()
      let fair = sizes.last! - sizes.first! <= 1 && sizes.reduce(0, +) == count
      if union.count == count && fair { return time - 1 }
    }
    Issue.record("no fair split after 8 rounds: \(replicas.map { ($0.id, $0.shards.count) })")
    return time
  }

  @Test func threeReplicasSplitTheShardsFairlyWithOneLeader() async throws {
    try await withPostgresStore { store in
      let replicas = try ["r1", "r2", "r3"].map { try TestReplica($0, store: store, shards: 16) }
      _ = try await converge(replicas, count: 16, from: 0)
      #expect(replicas.map(\.shards.count).sorted() == [5, 5, 6])
      for (index, replica) in replicas.enumerated() {
        for other in replicas[(index + 1)...] { #expect(replica.shards.isDisjoint(with: other.shards)) }
      }
      #expect(replicas.filter(\.book.isLeader).count == 1)
    }
  }

  @Test func aDeadReplicasShardsAreTakenAfterItsLeaseExpiredAndItsLateWritesAreFenced() async throws {
    try await withPostgresStore { store in
      let (r1, r2) = (try TestReplica("r1", store: store, shards: 8), try TestReplica("r2", store: store, shards: 8))
      let settled = try await converge([r1, r2], count: 8, from: 0)
      let victim = try #require(r2.shards.first)
      let key = try #require(
        (0..<500).map { ResourceKey(project: "p", domain: "d", name: "e\($0)") }
          .first { r1.book.shards.shard(of: $0) == victim })
      let created = try await store.create(key, spec: Data("s".utf8), status: Data("0".utf8), labels: [:])
      // r2 stops beating (kill -9, SIGSTOP); its clock stands still, so it still believes it owns.
      #expect(r2.book.owns(key))
      // Before r2's leases expire nobody takes them.
      let early = try await r1.beat(at: settled + 9)
      #expect(early.gained.isEmpty && r1.shards.count == 4)
      // At expiry r1 takes them all: well within two TTLs of r2's last renewal.
      let takeover = try await r1.beat(at: settled + 10)
      #expect(Set(takeover.gained) == r2.shards)
      #expect(r1.shards.count == 8 && r1.book.owns(key))
      // r2 wakes and writes from its old round: the database refuses it (fenced), nothing lands.
      await #expect(throws: StoreError.self) {
        _ = try await r2.store.update(
          key, expectedVersion: created.metadata.version, status: Data("late".utf8), terminal: false, appending: [])
      }
      do {
        _ = try await r2.store.update(
          key, expectedVersion: created.metadata.version, status: Data("late".utf8), terminal: false)
        Issue.record("a write under a lease taken over landed")
      } catch {
        #expect((error as? StoreError)?.code == .fenced)
      }
      #expect(try await store.getStatus(key)?.status == Data("0".utf8))
      // The new owner writes.
      _ = try await r1.store.update(
        key, expectedVersion: created.metadata.version, status: Data("1".utf8), terminal: false)
      #expect(try await store.getStatus(key)?.status == Data("1".utf8))
      // r2's next beat learns it lost everything.
      let woke = try await r2.beat(at: settled + 11)
      #expect(Set(woke.lost) == Set(takeover.gained) && r2.shards.isEmpty)
    }
  }

  @Test func aJoiningReplicaGetsShardsOnlyAfterTheirOwnerStoppedRunningThem() async throws {
    try await withPostgresStore { store in
      let r1 = try TestReplica("r1", store: store, shards: 8)
      try await r1.beat(at: 0)
      #expect(r1.shards.count == 8)
      let r2 = try TestReplica("r2", store: store, shards: 8)
      try await r2.beat(at: 1)
      #expect(r2.shards.isEmpty)
      // r1 sees r2 and drops its surplus from the book first: it starts no round there…
      try await r1.beat(at: 2)
      #expect(r1.shards.count == 4)
      let dropped = Set(0..<8).subtracting(r1.shards)
      let key = try #require(
        (0..<500).map { ResourceKey(project: "p", domain: "d", name: "e\($0)") }
          .first { dropped.contains(r1.book.shards.shard(of: $0)) })
      let created = try await store.create(key, spec: Data("s".utf8), status: Data("0".utf8), labels: [:])
      #expect(!r1.book.owns(key))
      // …but still holds the leases, so a round that began before still writes, and r2 cannot
      // start them either while r1's rounds finish.
      let written = try await r1.store.update(
        key, expectedVersion: created.metadata.version, status: Data("1".utf8), terminal: false)
      try await r2.beat(at: 3)
      #expect(r2.shards.isEmpty)
      // A beat later r1 releases them (and writes no more there) and r2 takes them at once.
      let released = try await r1.beat(at: 4)
      #expect(Set(released.released) == dropped)
      do {
        _ = try await r1.store.update(key, expectedVersion: written, status: Data("2".utf8), terminal: false)
        Issue.record("a write under a released lease landed")
      } catch {
        #expect((error as? StoreError)?.code == .fenced)
      }
      let joined = try await r2.beat(at: 5)
      #expect(Set(joined.gained) == dropped && r2.shards == dropped)
    }
  }

  @Test func aReplicaThatLeavesHandsItsShardsOverWithoutWaitingForTheTTL() async throws {
    try await withPostgresStore { store in
      let (r1, r2) = (try TestReplica("r1", store: store, shards: 8), try TestReplica("r2", store: store, shards: 8))
      let settled = try await converge([r1, r2], count: 8, from: 0)
      let leaving = r2.shards
      await r2.heartbeat.leave()
      #expect(r2.shards.isEmpty && !r2.book.isLeader)
      let report = try await r1.beat(at: settled + 1)
      #expect(Set(report.gained) == leaving && r1.shards.count == 8)
      #expect(r1.book.isLeader)
    }
  }
}
