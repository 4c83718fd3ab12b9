public import Foundation

/// Storage for execution resources: the objects the controller reconciles.
///
/// Spec and status are opaque bytes (the engine encodes them). Every change takes a new
/// `ResourceVersion`; `update` is a compare-and-swap on it, so two workers can never both
/// write status from the same read. Every method returns after the change is durable.
public protocol ResourceStore: Sendable {
  /// Stores a new resource at a fresh version. Fails with `alreadyExists` when the key is
  /// taken, `invalidArgument` when a key part is empty.
  func create(
    _ key: ResourceKey, spec: Data, status: Data, labels: [String: String]
  ) async throws(StoreError)
    -> StoredResource

  /// The resource with its spec and status head (not its records: see `getStatus`), or `nil`
  /// when there is none.
  func get(_ key: ResourceKey) async throws(StoreError) -> StoredResource?

  /// The resource without its spec, or `nil` when there is none.
  func getStatus(_ key: ResourceKey) async throws(StoreError) -> StoredStatus?

  /// The resource's metadata alone (one small row), or `nil` when there is none: enough to
  /// learn whether a status already in hand is still the stored one.
  func metadata(_ key: ResourceKey) async throws(StoreError) -> ResourceMetadata?

  /// Applies `status` (a new head, records stored and removed) if the resource is still at
  /// `expectedVersion`, and returns the new version. `terminal` marks the execution finished
  /// (it leaves the active list). Fails with `conflict` when the version moved (re-read, never
  /// overwrite) and `notFound`; either way nothing is written.
  func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool
  )
    async throws(StoreError) -> ResourceVersion

  /// `update(_:expectedVersion:status:terminal:)` and an event append in one transaction: the
  /// status and the events of the round that produced it commit together or not at all, so a
  /// crash never loses an event nor records one for a status that was not written. On
  /// `conflict` or `notFound` nothing is written. Events are numbered as `EventLog.append`
  /// numbers them (after each execution's last stored event, in the order given) and come back
  /// with their numbers. A requirement, not a default: only the store can make it atomic.
  func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool,
    appending events: [NewExecutionEvent]
  ) async throws(StoreError) -> (version: ResourceVersion, events: [ExecutionEvent])

  /// Marks the resource for abort and returns its version. The first request bumps the
  /// version (so watchers and CAS writers notice) and its reason is kept; repeating the request
  /// changes nothing and returns the current version. Fails with `notFound`.
  func requestAbort(_ key: ResourceKey, reason: String) async throws(StoreError) -> ResourceVersion

  /// Deletes the resource. Fails with `notFound` when there is none.
  func delete(_ key: ResourceKey) async throws(StoreError)

  /// Metadata of up to `limit` resources with keys after `after` (exclusive; `nil` starts at
  /// the beginning), in key order. Page by passing the last key returned.
  func list(
    _ filter: ResourceListFilter, limit: Int, after: ResourceKey?
  ) async throws(StoreError)
    -> [ResourceMetadata]

  /// A stream of changes committed from now on (created / updated / deleted, with key and
  /// version), for every subscriber. See the implementation for its buffering policy.
  func watch() -> AsyncStream<ResourceEvent>
}

extension ResourceStore {
  /// Replaces the whole status with `status` (one head, no records); see
  /// `update(_:expectedVersion:status:terminal:)`.
  public func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: Data, terminal: Bool
  ) async throws(StoreError) -> ResourceVersion {
    try await update(key, expectedVersion: expectedVersion, status: .whole(status), terminal: terminal)
  }

  /// Replaces the whole status with `status` and appends `events`, in one transaction; see
  /// `update(_:expectedVersion:status:terminal:appending:)`.
  public func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: Data, terminal: Bool,
    appending events: [NewExecutionEvent]
  ) async throws(StoreError) -> (version: ResourceVersion, events: [ExecutionEvent]) {
    try await update(
      key, expectedVersion: expectedVersion, status: .whole(status), terminal: terminal, appending: events)
  }
}
