import Foundation
import Synchronization
public import VaneEngine
public import VaneModel
public import VaneStore
public import VaneStorePostgres

/// The leases this replica holds right now, as the engine sees them: which executions it may
/// run (`ExecutionOwnership`) and which lease fences each write (`ShardedResourceStore`).
///
/// A shard counts as owned only while its lease has more than `margin` left by this replica's
/// clock. A replica that was paused (SIGSTOP, a long GC, a frozen VM) wakes up with leases that
/// are expired by its own clock, so it starts no round before its heartbeat has either renewed
/// them or learned they are gone — and a round already running is stopped by the fence.
public final class LeaseBook: ExecutionOwnership, Sendable {
  private struct State {
    var shards: [Int: Lease] = [:]
    /// Shards given up, still leased until the next beat releases them: rounds that began
    /// before may still write under them; none starts.
    var draining: [Int: Lease] = [:]
    var leader: Lease?
    /// A held lease was refused for being too close to expiry since the last `takeLapsed()`.
    var lapsed = false
  }

  /// The shard map keys are placed with.
  public let shards: ShardMap
  private let clock: any WallClock
  private let margin: Duration
  private let state = Mutex(State())
  private let poke: @Sendable (ResourceKey) -> Void

  /// A book over `shards`, judging validity on `clock` with `margin` to spare; `poke` asks the
  /// owner of an execution this replica does not own for a round.
  public init(
    shards: ShardMap, clock: any WallClock, margin: Duration, poke: @escaping @Sendable (ResourceKey) -> Void
  ) {
    self.shards = shards
    self.clock = clock
    self.margin = margin
    self.poke = poke
  }

  public func owns(_ key: ResourceKey) -> Bool {
    lease(for: key) != nil
  }

  /// The lease that fences a write of `key`'s execution: `lease(for:)`, or the lease of a shard
  /// being given up (a round that began before may finish), while valid with the margin.
  public func writeLease(for key: ResourceKey) -> Lease? {
    if let lease = lease(for: key) { return lease }
    let shard = shards.shard(of: key)
    guard let draining = state.withLock({ $0.draining[shard] }), valid(draining) else { return nil }
    return draining
  }

  public func wakeOwner(of key: ResourceKey) {
    poke(key)
  }

  /// The lease that fences writes to `key`'s execution, while it is valid with the margin.
  public func lease(for key: ResourceKey) -> Lease? {
    let shard = shards.shard(of: key)
    guard let lease = state.withLock({ $0.shards[shard] }) else { return nil }
    guard valid(lease) else {
      state.withLock { $0.lapsed = true }
      return nil
    }
    return lease
  }

  /// Whether a held lease was refused as too close to expiry (a late heartbeat) since the last
  /// call: the rounds dropped then must be queued again once it is renewed.
  func takeLapsed() -> Bool {
    state.withLock { state in
      defer { state.lapsed = false }
      return state.lapsed
    }
  }

  /// Whether this replica leads the group now (its leader lease is valid with the margin).
  public var isLeader: Bool {
    guard let leader = state.withLock({ $0.leader }) else { return false }
    return valid(leader)
  }

  /// The shards held, valid or not (what the heartbeat renews), by number.
  public var heldShards: [Int: Lease] {
    state.withLock { $0.shards }
  }

  /// The leader lease held, valid or not.
  public var leaderLease: Lease? {
    state.withLock { $0.leader }
  }

  /// Records `lease` as held for `shard` (acquired or renewed).
  func hold(_ shard: Int, _ lease: Lease) {
    state.withLock { $0.shards[shard] = lease }
  }

  /// Forgets `shard`: from now on its executions are not this replica's.
  func drop(_ shard: Int) {
    _ = state.withLock { $0.shards.removeValue(forKey: shard) }
  }

  /// Gives `shard` up: no round of its executions starts here any more, rounds under way may
  /// still write until `released(_:)`.
  func drain(_ shard: Int) {
    state.withLock { state in
      if let lease = state.shards.removeValue(forKey: shard) { state.draining[shard] = lease }
    }
  }

  /// The draining shards' leases, by number.
  var drainingShards: [Int: Lease] {
    state.withLock { $0.draining }
  }

  /// Forgets a drained shard once its lease was released.
  func released(_ shard: Int) {
    _ = state.withLock { $0.draining.removeValue(forKey: shard) }
  }

  /// Records (or forgets, with nil) the leader lease.
  func setLeader(_ lease: Lease?) {
    state.withLock { $0.leader = lease }
  }

  /// Forgets every lease (draining ones included).
  func dropAll() -> (shards: [Int: Lease], leader: Lease?) {
    state.withLock { state in
      defer { state = State() }
      return (state.shards, state.leader)
    }
  }

  private func valid(_ lease: Lease) -> Bool {
    clock.now.advanced(by: margin) < WallTime(lease.expiresAt)
  }
}
