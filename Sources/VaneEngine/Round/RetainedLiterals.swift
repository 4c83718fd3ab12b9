import FlyteIDL
import Synchronization

/// Literal maps kept across the rounds of one execution: an array node's inputs, decoded once
/// instead of once per round (for a million items the decoding costs more than the round's
/// work). Holds a few maps at most, dropping the oldest; the files they came from are written
/// once per node, so a kept map never goes stale.
final class RetainedLiterals: Sendable {
  private struct Entries {
    var maps: [String: Flyteidl_Core_LiteralMap] = [:]
    var order: [String] = []
  }

  private let entries = Mutex(Entries())
  private let capacity: Int

  init(capacity: Int = 4) {
    self.capacity = capacity
  }

  func map(at key: String) -> Flyteidl_Core_LiteralMap? {
    entries.withLock { $0.maps[key] }
  }

  func keep(_ map: Flyteidl_Core_LiteralMap, at key: String) {
    entries.withLock { entries in
      if entries.maps.updateValue(map, forKey: key) == nil { entries.order.append(key) }
      while entries.order.count > capacity {
        entries.maps[entries.order.removeFirst()] = nil
      }
    }
  }
}
