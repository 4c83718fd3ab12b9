import VaneAdminStore

/// A byte budget for one list page, so `ListTasks(limit=100)` over large entities cannot build
/// (or read from the store) hundreds of megabytes at once: rows are fetched in small chunks and
/// the page ends early — with a token for the rest, as a short page would — when the next entity
/// would pass the budget. The first entity is always returned, so paging always advances.
public struct ResponseBudget: Sendable, Hashable {
  /// Bytes of entities (as stored) one page may hold; flytekit accepts 20 MiB messages.
  public var bytes: Int
  /// Rows read from the store at a time.
  static let chunk = 16

  public init(bytes: Int = 16 << 20) {
    self.bytes = bytes
  }

  /// The page `query` asks for, cut at the budget.
  func page<Item: Sendable>(
    _ query: ListQuery, size: (Item) -> Int, fetch: (ListQuery) async throws(AdminError) -> Page<Item>
  ) async throws(AdminError) -> Page<Item> {
    var items: [Item] = []
    var used = 0
    while items.count < query.limit {
      var chunk = query
      chunk.offset = query.offset + items.count
      chunk.limit = min(Self.chunk, query.limit - items.count)
      let fetched = try await fetch(chunk)
      for item in fetched.items {
        let cost = size(item)
        if !items.isEmpty, used + cost > bytes {
          return Page(items: items, nextOffset: query.offset + items.count)
        }
        used += cost
        items.append(item)
      }
      if fetched.items.count < chunk.limit { return Page(items: items, nextOffset: nil) }
    }
    return Page(items: items, nextOffset: query.offset + items.count)
  }
}
