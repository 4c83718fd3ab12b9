public import Foundation

/// A small namespaced table of blobs, for state that is neither a resource nor an event
/// (cache catalog entries, signals, reservations). Values should stay small (kilobytes).
public protocol KeyValueStore: Sendable {
  /// The value under `key` in `namespace`, or `nil`.
  func value(_ namespace: String, _ key: String) async throws(StoreError) -> Data?

  /// Stores `value`, replacing any previous one.
  func put(_ namespace: String, _ key: String, _ value: Data) async throws(StoreError)

  /// Stores `value` only when the key is free; `true` when it was stored.
  func putIfAbsent(_ namespace: String, _ key: String, _ value: Data) async throws(StoreError) -> Bool

  /// Removes the key; `true` when it existed.
  func remove(_ namespace: String, _ key: String) async throws(StoreError) -> Bool

  /// Keys in `namespace` that start with `prefix`, in byte order.
  func keys(_ namespace: String, prefix: String) async throws(StoreError) -> [String]
}
