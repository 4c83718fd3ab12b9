public import Foundation
public import VaneStore
public import VaneStorePostgres

/// One replica's beat against the lease table: stay a member, keep (renew) what it holds,
/// lead if nobody does, and move towards its fair share of the shards (`ShardPlanner`).
///
/// A shard planned for release is first dropped from the `LeaseBook` — no new round of its
/// executions starts here — and only released one beat later, so rounds already running finish
/// and write under a lease that still holds: a rebalance never interrupts an execution.
/// Time is passed in (`now`), so tests drive several replicas with one manual clock.
public actor ReplicaHeartbeat {
  /// This replica's settings.
  public let settings: ReplicaSettings
  let leases: ShardLeaseStore
  let book: LeaseBook
  private var member: Lease?

  /// A heartbeat for `settings`' replica over the lease table, recording into `book`.
  public init(settings: ReplicaSettings, leases: ShardLeaseStore, book: LeaseBook) {
    self.settings = settings
    self.leases = leases
    self.book = book
  }

  /// One beat at `now`. A failure (the database unreachable) leaves the book as it was: leases
  /// then lapse by the clock (`LeaseBook` stops owning them before they expire).
  public func beat(now: Date) async throws(StoreError) -> HeartbeatReport {
    var report = HeartbeatReport()
    let ttl = settings.leaseTTL
    try await keepMembership(now: now)
    for (shard, lease) in book.drainingShards.sorted(by: { $0.key < $1.key }) {
      _ = try await leases.release(lease)
      book.released(shard)
      report.released.append(shard)
    }
    for (shard, lease) in book.heldShards.sorted(by: { $0.key < $1.key }) {
      if let renewed = try await leases.renew(lease, now: now, ttl: ttl) {
        book.hold(shard, renewed)
        report.renewed += 1
      } else {
        book.drop(shard)
        report.lost.append(shard)
      }
    }
    try await keepLeadership(now: now)
    let members = try await leases.held(prefix: ReplicaLeaseNames.memberPrefix, now: now)
      .map { String($0.name.dropFirst(ReplicaLeaseNames.memberPrefix.count)) }
    var owners: [Int: String] = [:]
    for lease in try await leases.held(prefix: ReplicaLeaseNames.shardPrefix, now: now) {
      if let shard = ReplicaLeaseNames.shard(of: lease.name) { owners[shard] = lease.owner }
    }
    // Draining shards are still ours in the table but no longer in the book: count them held
    // so the planner does not ask for replacements while they drain.
    let plan = ShardPlanner(map: settings.shards).plan(for: settings.id, members: Set(members), owners: owners)
    for shard in plan.release where book.heldShards[shard] != nil {
      book.drain(shard)
    }
    for shard in plan.acquire {
      let name = settings.shards.leaseName(shard)
      if let lease = try await leases.acquire(name, owner: settings.id, now: now, ttl: ttl) {
        book.hold(shard, lease)
        report.gained.append(shard)
      }
    }
    report.leads = book.leaderLease != nil
    report.members = members
    report.held = book.heldShards.count
    return report
  }

  /// Releases every lease this replica holds (graceful shutdown), so others take them at once
  /// instead of after the TTL.
  public func leave() async {
    _ = book.dropAll()
    do {
      try await leases.releaseAll(owner: settings.id)
    } catch {
      // They lapse by themselves after the TTL.
    }
    member = nil
  }

  private func keepMembership(now: Date) async throws(StoreError) {
    if let held = member, let renewed = try await leases.renew(held, now: now, ttl: settings.leaseTTL) {
      member = renewed
      return
    }
    member = try await leases.acquire(settings.memberLease, owner: settings.id, now: now, ttl: settings.leaseTTL)
  }

  private func keepLeadership(now: Date) async throws(StoreError) {
    if let held = book.leaderLease {
      book.setLeader(try await leases.renew(held, now: now, ttl: settings.leaseTTL))
      return
    }
    book.setLeader(
      try await leases.acquire(ReplicaLeaseNames.leader, owner: settings.id, now: now, ttl: settings.leaseTTL))
  }
}
