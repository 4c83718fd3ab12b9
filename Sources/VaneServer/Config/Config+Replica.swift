import Foundation

extension Config {
  /// `replica` section: this server is one of several replicas sharing one PostgreSQL (the
  /// admin store's database) for executions, events and shard leases.
  public struct Replica: Sendable, Hashable {
    /// `enabled`: join a replica group (default false; `vane serve --replica`). Needs
    /// `admin_store.kind: postgres`.
    public var enabled = false
    /// `id`: this replica's name in the group, unique while it runs (default: host name and
    /// process id).
    public var id: String?
    /// `shards`: how many shards execution keys are hashed into; the same on every replica
    /// (default 64).
    public var shards = 64
    /// `lease_ttl`: how long a shard lease lasts without renewal — a dead replica's executions
    /// move to the others within about twice this (default 10s).
    public var leaseTTL = Duration.seconds(10)
    /// `schema`: the PostgreSQL schema of the engine's tables and the leases (default
    /// `vane_engine`).
    public var schema = "vane_engine"
    public init() {}

    /// `id`, or the host name and process id.
    public var resolvedID: String {
      id ?? "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }
  }
}
