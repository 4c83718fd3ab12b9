/// The names a replica group uses in the lease table: `member/<id>` for each live replica,
/// `shard/<n>` for each shard (`ShardMap.leaseName`), `leader` for the singletons.
public enum ReplicaLeaseNames {
  /// The prefix of the membership leases.
  public static let memberPrefix = "member/"
  /// The prefix of the shard leases.
  public static let shardPrefix = "shard/"
  /// The lease of the replica that runs the group's singletons (the launch-plan scheduler, the
  /// event projection into the admin store, the orphan sweep).
  public static let leader = "leader"

  /// The membership lease of replica `id`.
  public static func member(_ id: String) -> String { memberPrefix + id }

  /// The shard number a `shard/<n>` lease names, or nil.
  public static func shard(of name: String) -> Int? {
    guard name.hasPrefix(shardPrefix) else { return nil }
    return Int(name.dropFirst(shardPrefix.count))
  }
}
