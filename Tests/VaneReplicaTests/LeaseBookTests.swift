import Foundation
import Testing
import VaneModel
import VaneStore
import VaneStorePostgres
import VaneTesting

@testable import VaneReplica

/// Ownership as the engine sees it: only a lease with more than the margin left counts.
@Suite struct LeaseBookTests {
  @Test func aShardIsOwnedOnlyWhileItsLeaseHasMoreThanTheMarginLeft() throws {
    let clock = ManualClock()
    let map = try ShardMap(count: 4)
    let book = LeaseBook(shards: map, clock: clock, margin: .seconds(2), poke: { _ in })
    let key = ResourceKey(project: "p", domain: "d", name: "a")
    #expect(!book.owns(key))
    let expires = clock.now.advanced(by: .seconds(10)).date
    book.hold(
      map.shard(of: key), Lease(name: map.leaseName(map.shard(of: key)), owner: "r1", token: 7, expiresAt: expires))
    #expect(book.owns(key))
    #expect(book.lease(for: key)?.token == 7)
    clock.advance(by: .seconds(7.999))
    #expect(book.owns(key))
    // Two seconds before expiry by this replica's clock (to the date's precision): no new round
    // starts, no write is tried.
    clock.advance(by: .milliseconds(2))
    #expect(!book.owns(key))
    #expect(book.lease(for: key) == nil)
    // The rounds refused then are queued again once the heartbeat renewed the lease.
    #expect(book.takeLapsed())
    #expect(!book.takeLapsed())
    // Other shards were never held.
    let other = (0..<100).map { ResourceKey(project: "p", domain: "d", name: "x\($0)") }
      .first { map.shard(of: $0) != map.shard(of: key) }!
    #expect(!book.owns(other))
  }

  @Test func wakingAnExecutionOfAnotherReplicaPokesItsOwner() throws {
    let poked = PokeLog()
    let book = LeaseBook(shards: try ShardMap(count: 2), clock: ManualClock(), margin: .zero, poke: poked.record)
    let key = ResourceKey(project: "p", domain: "d", name: "n")
    book.wakeOwner(of: key)
    #expect(poked.keys == [key])
  }
}
