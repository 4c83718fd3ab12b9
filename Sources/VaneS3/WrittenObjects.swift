import Foundation
import Synchronization

/// The bytes of objects this process wrote, kept so the engine never reads back what it wrote
/// itself (its inputs, outputs and chunks are read by later rounds): bounded by total bytes,
/// oldest written first out. Objects over the per-object limit are not kept.
final class WrittenObjects: Sendable {
  private struct State {
    var entries: [String: Data] = [:]
    /// Keys in the order written (a key written again appears again; stale positions are
    /// skipped on eviction by checking `generation`).
    var order: [(key: String, generation: UInt64)] = []
    var head = 0
    var generations: [String: UInt64] = [:]
    var nextGeneration: UInt64 = 0
    var bytes = 0
  }

  private let state = Mutex(State())
  let capacity: Int
  let objectLimit: Int

  init(capacity: Int, objectLimit: Int) {
    self.capacity = capacity
    self.objectLimit = objectLimit
  }

  /// The kept bytes of `key`.
  func bytes(_ key: String) -> Data? { state.withLock { $0.entries[key] } }

  /// Keeps `data` as the bytes of `key` (or forgets the key when `data` is too large).
  func keep(_ data: Data, for key: String) {
    state.withLock { state in
      if let old = state.entries.removeValue(forKey: key) { state.bytes -= old.count }
      guard data.count <= objectLimit, data.count <= capacity else { return }
      state.nextGeneration += 1
      state.entries[key] = data
      state.generations[key] = state.nextGeneration
      state.order.append((key, state.nextGeneration))
      state.bytes += data.count
      while state.bytes > capacity, state.head < state.order.count {
        let (oldest, generation) = state.order[state.head]
        state.head += 1
        guard state.generations[oldest] == generation, let evicted = state.entries.removeValue(forKey: oldest) else {
          continue
        }
        state.generations[oldest] = nil
        state.bytes -= evicted.count
      }
      if state.head > 4096, state.head * 2 > state.order.count {
        state.order.removeFirst(state.head)
        state.head = 0
      }
    }
  }

  /// Forgets every key equal to `key` or under `key/`.
  func forget(under key: String) {
    state.withLock { state in
      for candidate in state.entries.keys where candidate == key || key.isEmpty || candidate.hasPrefix(key + "/") {
        if let old = state.entries.removeValue(forKey: candidate) { state.bytes -= old.count }
        state.generations[candidate] = nil
      }
    }
  }
}
