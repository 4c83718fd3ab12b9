import Synchronization

/// Remembers recent layouts by their DOT text, so live updates and reloads of the same graph
/// do not run Graphviz again; the least recently used layout goes first. Concurrent requests
/// for a shape not cached yet each lay it out (rare, and harmless).
public final class LayoutCache: GraphLayout {
  let layout: any GraphLayout
  let capacity: Int
  private let entries = Mutex<(items: [String: PositionedGraph], order: [String])>(([:], []))

  public init(_ layout: any GraphLayout, capacity: Int = 64) {
    self.layout = layout
    self.capacity = max(1, capacity)
  }

  public func layout(_ source: DotSource) async throws(ConsoleError) -> PositionedGraph {
    if let cached = lookup(source.text) { return cached }
    let positioned = try await layout.layout(source)
    entries.withLock { state in
      if state.items.updateValue(positioned, forKey: source.text) == nil { state.order.append(source.text) }
      while state.order.count > capacity { state.items[state.order.removeFirst()] = nil }
    }
    return positioned
  }

  func lookup(_ key: String) -> PositionedGraph? {
    entries.withLock { state in
      guard let found = state.items[key] else { return nil }
      if let index = state.order.firstIndex(of: key) {
        state.order.remove(at: index)
        state.order.append(key)
      }
      return found
    }
  }

  /// How many layouts are cached.
  public var count: Int { entries.withLock { $0.items.count } }
}
