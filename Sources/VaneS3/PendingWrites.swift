import Foundation
import Synchronization
import VaneData

/// Staged writes of an `S3DataStore` not yet known to be stored: each one's `PutObject` runs in
/// the background from the moment it is staged, its bytes answer reads at once, and `flush`
/// waits for every write staged before it began.
///
/// A write that failed (after the client's retries) stays pending with its bytes: the next
/// flush tries it again on the caller's task and throws if it still fails, so no staged bytes are
/// dropped. A key staged again while its earlier PUT is in flight waits for that PUT first, so
/// the later bytes always land last.
final class PendingWrites: Sendable {
  private struct Item: Sendable {
    var data: Data
    var sequence: UInt64
    var upload: Task<DataError?, Never>
  }

  private struct State {
    var items: [String: Item] = [:]
    var sequence: UInt64 = 0
  }

  private let state = Mutex(State())

  /// The staged bytes of `key`, if still pending.
  func bytes(_ key: String) -> Data? { state.withLock { $0.items[key]?.data } }

  /// Whether a key equal to `key` or under `key/` is pending.
  func hasPending(under key: String) -> Bool {
    state.withLock { $0.items.keys.contains { $0 == key || key.isEmpty || $0.hasPrefix(key + "/") } }
  }

  /// Stages `data` for `key` and starts `put` in the background (after an earlier PUT of the
  /// same key, if one is in flight).
  func stage(_ data: Data, key: String, put: @escaping @Sendable (Data) async throws(DataError) -> Void) {
    state.withLock { state in
      state.sequence += 1
      let earlier = state.items[key]?.upload
      // Tracked, not stray: `flush` awaits every task started before it, and the item keeps
      // its bytes until the task has stored them.
      let upload = Task<DataError?, Never> {
        _ = await earlier?.value
        do throws(DataError) {
          try await put(data)
          return nil
        } catch {
          return error
        }
      }
      state.items[key] = Item(data: data, sequence: state.sequence, upload: upload)
    }
  }

  /// Waits for the write of `key` (and anything pending under `key/`) to be stored.
  func settle(under key: String, put: @Sendable (String, Data) async throws(DataError) -> Void) async throws(DataError)
  {
    let keys = state.withLock { $0.items.keys.filter { $0 == key || key.isEmpty || $0.hasPrefix(key + "/") } }
    try await finish(keys, put: put)
  }

  /// Waits for every write staged so far; a failed one is tried once more with `put`, and its
  /// failure thrown.
  func flush(put: @Sendable (String, Data) async throws(DataError) -> Void) async throws(DataError) {
    try await finish(state.withLock { Array($0.items.keys) }, put: put)
  }

  private func finish(
    _ keys: [String], put: @Sendable (String, Data) async throws(DataError) -> Void
  ) async throws(DataError) {
    var firstFailure: DataError?
    for key in keys {
      guard let item = state.withLock({ $0.items[key] }) else { continue }
      var failure = await item.upload.value
      // A newer staging of the key supersedes a failed one: its own PUT stores newer bytes.
      if failure != nil, state.withLock({ $0.items[key]?.sequence != item.sequence }) { continue }
      if failure != nil {
        do {
          try await put(key, item.data)
          failure = nil
        } catch {
          failure = error
        }
      }
      if let failure {
        firstFailure = firstFailure ?? failure
        continue
      }
      state.withLock { state in
        if state.items[key]?.sequence == item.sequence { state.items[key] = nil }
      }
    }
    if let firstFailure { throw firstFailure }
  }
}
