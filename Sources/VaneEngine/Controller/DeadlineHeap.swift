/// A binary min-heap of `(deadline, key)` entries; among equal deadlines the entry pushed first
/// comes out first.
///
/// The heap does not deduplicate keys: the work queue keeps the current deadline of each key on
/// the side and skips entries that no longer match it (lazy deletion).
struct DeadlineHeap<Key: Sendable, Instant: InstantProtocol>: Sendable {
  /// One scheduled entry.
  struct Entry: Sendable {
    var deadline: Instant
    var sequence: UInt64
    var key: Key

    func precedes(_ other: Entry) -> Bool {
      if deadline != other.deadline { return deadline < other.deadline }
      return sequence < other.sequence
    }
  }

  private var entries: [Entry] = []
  private var nextSequence: UInt64 = 0

  /// The number of entries, stale ones included.
  var count: Int { entries.count }

  /// The entry with the earliest deadline.
  var first: Entry? { entries.first }

  /// Adds an entry.
  mutating func push(_ key: Key, deadline: Instant) {
    entries.append(Entry(deadline: deadline, sequence: nextSequence, key: key))
    nextSequence &+= 1
    siftUp(entries.count - 1)
  }

  /// Removes and returns the entry with the earliest deadline.
  mutating func pop() -> Entry? {
    guard !entries.isEmpty else { return nil }
    entries.swapAt(0, entries.count - 1)
    let top = entries.removeLast()
    if !entries.isEmpty { siftDown(0) }
    return top
  }

  /// Removes every entry.
  mutating func removeAll() {
    entries.removeAll()
  }

  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard entries[child].precedes(entries[parent]) else { return }
      entries.swapAt(child, parent)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var smallest = parent
      if left < entries.count, entries[left].precedes(entries[smallest]) { smallest = left }
      if right < entries.count, entries[right].precedes(entries[smallest]) { smallest = right }
      if smallest == parent { return }
      entries.swapAt(parent, smallest)
      parent = smallest
    }
  }
}

extension DeadlineHeap {
  /// Keeps only the entries for which `isLive` returns true, preserving their order.
  mutating func retain(where isLive: (Entry) -> Bool) {
    entries.removeAll { !isLive($0) }
    var index = entries.count / 2
    while index > 0 {
      index -= 1
      siftDown(index)
    }
  }
}
