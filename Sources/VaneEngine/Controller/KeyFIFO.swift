/// A first-in first-out buffer with amortised O(1) push and pop.
///
/// Two arrays: new elements are appended to `back`; `front` holds older elements in reverse so
/// popping is `popLast()`. When `front` runs dry, `back` is reversed into it.
struct KeyFIFO<Element>: Sendable where Element: Sendable {
  private var front: [Element] = []
  private var back: [Element] = []

  /// The number of buffered elements.
  var count: Int { front.count + back.count }

  /// Whether the buffer is empty.
  var isEmpty: Bool { front.isEmpty && back.isEmpty }

  /// Appends an element at the back.
  mutating func push(_ element: Element) {
    back.append(element)
  }

  /// Removes and returns the oldest element, or nil when empty.
  mutating func pop() -> Element? {
    if front.isEmpty {
      if back.isEmpty { return nil }
      front = back.reversed()
      back.removeAll(keepingCapacity: true)
    }
    return front.popLast()
  }

  /// Removes every element and returns them, oldest first.
  mutating func drain() -> [Element] {
    let all = front.reversed() + back
    front = []
    back = []
    return all
  }
}
