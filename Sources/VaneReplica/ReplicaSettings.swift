public import VaneStore

/// How one replica takes part in a group: its name, the shards the execution keys are hashed
/// into, and the lease timing every member must agree on.
///
/// A lease lives `leaseTTL` past its last renewal; renewals come every `heartbeat` (a third of
/// the TTL by default, so two renewals may fail before a lease is lost). A replica stops
/// running an execution `ownershipMargin` before its shard lease would expire by its own clock,
/// so a round that starts can finish and write before anyone else may take the shard.
public struct ReplicaSettings: Sendable {
  /// This replica's name in the lease table: unique in the group while it lives.
  public var id: String
  /// The shards execution keys are hashed into; the same count on every member.
  public var shards: ShardMap
  /// How long a lease lasts without renewal.
  public var leaseTTL: Duration
  /// The time between two heartbeats (renewals and rebalancing).
  public var heartbeat: Duration
  /// How long before its lease expires a replica stops starting rounds of a shard.
  public var ownershipMargin: Duration

  /// Settings with the heartbeat at a third and the margin at a quarter of `leaseTTL` unless
  /// given. `invalidArgument` when the heartbeat would not renew before the margin is reached.
  public init(
    id: String, shards: ShardMap, leaseTTL: Duration = .seconds(10), heartbeat: Duration? = nil,
    ownershipMargin: Duration? = nil
  ) throws(StoreError) {
    let heartbeat = heartbeat ?? leaseTTL / 3
    let margin = ownershipMargin ?? leaseTTL / 4
    guard !id.isEmpty, id.utf8.count <= 200, !id.contains("/") else {
      throw StoreError(
        .invalidArgument, "a replica id needs 1-200 bytes and no '/', got '\(id)'", operation: "configure the replica")
    }
    guard leaseTTL >= .milliseconds(300), leaseTTL <= .seconds(3_600) else {
      throw StoreError(
        .invalidArgument, "the lease TTL must be between 300ms and 1h, got \(leaseTTL)",
        operation: "configure the replica")
    }
    guard heartbeat > .zero, margin >= .zero, heartbeat + margin < leaseTTL else {
      throw StoreError(
        .invalidArgument,
        "the heartbeat (\(heartbeat)) plus the ownership margin (\(margin)) must be shorter than the lease TTL (\(leaseTTL))",
        operation: "configure the replica")
    }
    self.id = id
    self.shards = shards
    self.leaseTTL = leaseTTL
    self.heartbeat = heartbeat
    self.ownershipMargin = margin
  }

  /// The lease that says this replica is alive.
  public var memberLease: String { ReplicaLeaseNames.member(id) }
}
