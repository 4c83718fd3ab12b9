/// Decides which shard leases one replica should take or give up for a fair share. Pure: it
/// sees the live members and the current unexpired owners, and returns a plan; the caller
/// acts on it against the lease store and asks again on its next heartbeat.
///
/// Fair share: the members sorted by id, member `i` of `m` targets `n / m` shards, plus one
/// when `i < n % m`. Every replica computes the same targets from the same member list, so
/// the shares add up to `n` and no two replicas fight over the remainder.
///
///     held > target  → release the surplus (highest shard numbers first)
///     held < target  → acquire free shards (no unexpired owner), starting at a point that
///                      depends on the replica, so joining replicas rarely race for one shard
///     not a member   → release everything
///
/// A shard whose owner still holds an unexpired lease is never taken, even if that owner is
/// no longer listed as a member: its lease must expire first (fencing tokens cover the gap).
public struct ShardPlanner: Sendable {
  /// What to do with leases.
  public struct Plan: Hashable, Sendable {
    /// Shards to try to acquire, in order of preference.
    public var acquire: [Int]
    /// Shards this replica holds and should give up.
    public var release: [Int]

    /// Creates a plan.
    public init(acquire: [Int], release: [Int]) {
      self.acquire = acquire
      self.release = release
    }
  }

  /// The shards being planned for.
  public let map: ShardMap

  /// A planner over `map`'s shards.
  public init(map: ShardMap) {
    self.map = map
  }

  /// How many shards `member` should hold when `members` are live; 0 when it is not one.
  public func target(of member: String, members: Set<String>) -> Int {
    let sorted = members.sorted()
    guard let index = sorted.firstIndex(of: member) else { return 0 }
    let (share, remainder) = map.count.quotientAndRemainder(dividingBy: sorted.count)
    return share + (index < remainder ? 1 : 0)
  }

  /// The plan for `me`, given the live `members` and the current owner of every shard with an
  /// unexpired lease (shards out of range are ignored).
  public func plan(for me: String, members: Set<String>, owners: [Int: String]) -> Plan {
    let target = target(of: me, members: members)
    let held = owners.filter { $0.value == me && $0.key >= 0 && $0.key < map.count }.keys.sorted()
    if held.count > target {
      return Plan(acquire: [], release: Array(held.suffix(held.count - target)))
    }
    let free = (0..<map.count).filter { owners[$0] == nil }
    guard held.count < target, !free.isEmpty else { return Plan(acquire: [], release: []) }
    let start = Int(FNV1a.hash64(me) % UInt64(free.count))
    let rotated = Array(free[start...] + free[..<start])
    return Plan(acquire: Array(rotated.prefix(target - held.count)), release: [])
  }
}
