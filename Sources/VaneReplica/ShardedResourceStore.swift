public import Foundation
public import VaneStore
public import VaneStorePostgres

/// The engine's store on a replica: the shared PostgreSQL store, with every status write
/// fenced by the lease of the execution's shard. A write for a shard this replica does not
/// hold (never did, gave up, or lost to a takeover) fails with `fenced` before it reaches the
/// database; one whose lease was taken over meanwhile is refused by the database itself, so a
/// replica that was paused can never overwrite the new owner's work.
///
/// Creating executions and requesting aborts are not fenced: any replica may do them for an
/// API call, and the owner's round picks them up from the change they announce.
public struct ShardedResourceStore: ResourceStore {
  /// The shared store.
  public let store: PostgresResourceStore
  /// The leases that fence the writes.
  public let leases: LeaseBook

  /// A fenced view of `store` under `leases`.
  public init(store: PostgresResourceStore, leases: LeaseBook) {
    self.store = store
    self.leases = leases
  }

  public func create(
    _ key: ResourceKey, spec: Data, status: Data, labels: [String: String]
  ) async throws(StoreError) -> StoredResource {
    try await store.create(key, spec: spec, status: status, labels: labels)
  }

  public func get(_ key: ResourceKey) async throws(StoreError) -> StoredResource? {
    try await store.get(key)
  }

  public func getStatus(_ key: ResourceKey) async throws(StoreError) -> StoredStatus? {
    try await store.getStatus(key)
  }

  public func metadata(_ key: ResourceKey) async throws(StoreError) -> ResourceMetadata? {
    try await store.metadata(key)
  }

  public func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool
  ) async throws(StoreError) -> ResourceVersion {
    try await store.update(
      key, expectedVersion: expectedVersion, status: status, terminal: terminal, fencedBy: try lease(for: key))
  }

  public func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool,
    appending events: [NewExecutionEvent]
  ) async throws(StoreError) -> (version: ResourceVersion, events: [ExecutionEvent]) {
    try await store.update(
      key, expectedVersion: expectedVersion, status: status, terminal: terminal, appending: events,
      fencedBy: try lease(for: key))
  }

  /// The lease that fences a write of `key`, or `fenced` when this replica may not write it.
  private func lease(for key: ResourceKey) throws(StoreError) -> Lease {
    guard let lease = leases.writeLease(for: key) else {
      throw StoreError(
        .fenced, "this replica does not hold the lease of shard \(leases.shards.shard(of: key)) (any more)",
        operation: "update \(key)")
    }
    return lease
  }

  public func requestAbort(_ key: ResourceKey, reason: String) async throws(StoreError) -> ResourceVersion {
    try await store.requestAbort(key, reason: reason)
  }

  public func delete(_ key: ResourceKey) async throws(StoreError) {
    try await store.delete(key)
  }

  public func list(
    _ filter: ResourceListFilter, limit: Int, after: ResourceKey?
  ) async throws(StoreError) -> [ResourceMetadata] {
    try await store.list(filter, limit: limit, after: after)
  }

  public func watch() -> AsyncStream<ResourceEvent> {
    store.watch()
  }
}
