public import VaneAdminStore
public import VaneStore

/// One event of the engine's log with its position in a feed that spans every execution.
public struct FedEvent: Sendable {
  /// Grows with every event appended, in commit order.
  public var position: Int64
  public var event: ExecutionEvent

  public init(position: Int64, event: ExecutionEvent) {
    self.position = position
    self.event = event
  }
}

/// Every execution event the engine recorded, in the order it committed them, from a
/// position on: what the admin side builds node and task executions from.
public protocol EventFeed: Sendable {
  /// Names the feed in the admin store's positions table.
  var name: String { get }
  /// Up to `limit` events after `position`, oldest first.
  func events(after position: Int64, limit: Int) async throws(AdminError) -> [FedEvent]
}
