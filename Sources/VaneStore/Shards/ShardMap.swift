/// Which shard an execution belongs to: its key hashed (FNV-1a over project, domain and name,
/// NUL-separated) modulo a fixed shard count. Every replica computes the same map, so the
/// replica holding a shard's lease is the one that runs rounds for its executions. Changing
/// the count moves most keys: it is fixed per deployment.
public struct ShardMap: Hashable, Sendable {
  /// The most shards a map may have; more only add lease traffic.
  public static let maxShards = 4_096

  /// How many shards there are, numbered `0..<count`.
  public let count: Int

  /// A map of `count` shards; `invalidArgument` outside `1...maxShards`.
  public init(count: Int) throws(StoreError) {
    guard (1...Self.maxShards).contains(count) else {
      throw StoreError(
        .invalidArgument, "shard count must be between 1 and \(Self.maxShards), got \(count)",
        operation: "configure shards")
    }
    self.count = count
  }

  /// The shard of `key`, in `0..<count`.
  public func shard(of key: ResourceKey) -> Int {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(key.project.utf8.count + key.domain.utf8.count + key.name.utf8.count + 2)
    bytes += key.project.utf8
    bytes.append(0)
    bytes += key.domain.utf8
    bytes.append(0)
    bytes += key.name.utf8
    return Int(FNV1a.hash64(bytes) % UInt64(count))
  }

  /// The name of shard `shard`'s lease.
  public func leaseName(_ shard: Int) -> String { "shard/\(shard)" }
}
