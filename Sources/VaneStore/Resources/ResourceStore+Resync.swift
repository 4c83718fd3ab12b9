extension ResourceStore {
  /// Every active (non-terminal) key, read page by page in key order: what the informer's
  /// periodic resync enqueues. Keys created or finished while it pages may or may not appear;
  /// the watch stream covers those.
  public func activeKeys(pageSize: Int = 1_000) async throws(StoreError) -> [ResourceKey] {
    var keys: [ResourceKey] = []
    var after: ResourceKey?
    while true {
      let page = try await list(.active, limit: pageSize, after: after)
      keys += page.map(\.key)
      guard page.count == pageSize, let last = page.last else { return keys }
      after = last.key
    }
  }
}
