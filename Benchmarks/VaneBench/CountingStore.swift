import Foundation
import Synchronization
import VaneStore

/// A `ResourceStore` that forwards to another and counts what is written through it: status
/// blobs and event payloads per update, so bytes per transition can be reported.
final class CountingStore: ResourceStore {
  struct Counts: Sendable {
    var updates = 0
    var statusBytes = 0
    var eventBytes = 0
    var events = 0
    var specBytes = 0
  }

  let base: any ResourceStore
  private let counts = Mutex(Counts())

  init(base: any ResourceStore) {
    self.base = base
  }

  var snapshot: Counts { counts.withLock { $0 } }

  func create(
    _ key: ResourceKey, spec: Data, status: Data, labels: [String: String]
  ) async throws(StoreError)
    -> StoredResource
  {
    counts.withLock {
      $0.specBytes += spec.count
      $0.statusBytes += status.count
    }
    return try await base.create(key, spec: spec, status: status, labels: labels)
  }

  func get(_ key: ResourceKey) async throws(StoreError) -> StoredResource? {
    try await base.get(key)
  }

  func getStatus(_ key: ResourceKey) async throws(StoreError) -> StoredStatus? {
    try await base.getStatus(key)
  }

  func metadata(_ key: ResourceKey) async throws(StoreError) -> ResourceMetadata? {
    try await base.metadata(key)
  }

  func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool
  ) async throws(StoreError)
    -> ResourceVersion
  {
    counts.withLock {
      $0.updates += 1
      $0.statusBytes += status.byteCount
    }
    return try await base.update(key, expectedVersion: expectedVersion, status: status, terminal: terminal)
  }

  func update(
    _ key: ResourceKey, expectedVersion: ResourceVersion, status: StatusWrite, terminal: Bool,
    appending events: [NewExecutionEvent]
  ) async throws(StoreError) -> (version: ResourceVersion, events: [ExecutionEvent]) {
    let payload = events.reduce(0) { $0 + $1.payload.count }
    counts.withLock {
      $0.updates += 1
      $0.statusBytes += status.byteCount
      $0.eventBytes += payload
      $0.events += events.count
    }
    return try await base.update(
      key, expectedVersion: expectedVersion, status: status, terminal: terminal, appending: events)
  }

  func requestAbort(_ key: ResourceKey, reason: String) async throws(StoreError) -> ResourceVersion {
    try await base.requestAbort(key, reason: reason)
  }

  func delete(_ key: ResourceKey) async throws(StoreError) {
    try await base.delete(key)
  }

  func list(
    _ filter: ResourceListFilter, limit: Int, after: ResourceKey?
  ) async throws(StoreError) -> [ResourceMetadata] {
    try await base.list(filter, limit: limit, after: after)
  }

  func watch() -> AsyncStream<ResourceEvent> {
    base.watch()
  }
}
