public import Foundation
import Synchronization

/// A `KeyValueStore` in memory: for tests and engines that need no durability.
public final class MemoryKeyValueStore: KeyValueStore {
  private let entries = Mutex<[String: [String: Data]]>([:])

  public init() {}

  public func value(_ namespace: String, _ key: String) async throws(StoreError) -> Data? {
    entries.withLock { $0[namespace]?[key] }
  }

  public func put(_ namespace: String, _ key: String, _ value: Data) async throws(StoreError) {
    entries.withLock { $0[namespace, default: [:]][key] = value }
  }

  public func putIfAbsent(_ namespace: String, _ key: String, _ value: Data) async throws(StoreError) -> Bool {
    entries.withLock { entries in
      guard entries[namespace]?[key] == nil else { return false }
      entries[namespace, default: [:]][key] = value
      return true
    }
  }

  public func remove(_ namespace: String, _ key: String) async throws(StoreError) -> Bool {
    entries.withLock { $0[namespace]?.removeValue(forKey: key) != nil }
  }

  public func keys(_ namespace: String, prefix: String) async throws(StoreError) -> [String] {
    entries.withLock {
      ($0[namespace] ?? [:]).keys.filter { $0.hasPrefix(prefix) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
  }
}
