public import Foundation

/// One recorded workflow, node or task event of an execution.
public struct ExecutionEvent: Hashable, Sendable {
  /// Which level of the execution the event is about.
  public enum Kind: Int32, Hashable, Sendable {
    /// A workflow execution event.
    case workflow = 0
    /// A node execution event.
    case node = 1
    /// A task execution event.
    case task = 2
  }

  /// The execution the event belongs to.
  public var key: ResourceKey
  /// Position in the execution's log: 1 for its first event, then 2, 3, … with no gaps.
  public var sequence: Int64
  /// Workflow, node or task.
  public var kind: Kind
  /// The phase number the event reports (Flyte's numbering for the kind).
  public var phase: Int32
  /// When the event happened (microsecond precision).
  public var occurredAt: Date
  /// The encoded event (opaque to the store).
  public var payload: Data

  /// Creates an event.
  public init(key: ResourceKey, sequence: Int64, kind: Kind, phase: Int32, occurredAt: Date, payload: Data) {
    self.key = key
    self.sequence = sequence
    self.kind = kind
    self.phase = phase
    self.occurredAt = occurredAt
    self.payload = payload
  }
}

/// An event to append; the log gives it its sequence number.
public struct NewExecutionEvent: Hashable, Sendable {
  /// The execution the event belongs to.
  public var key: ResourceKey
  /// Workflow, node or task.
  public var kind: ExecutionEvent.Kind
  /// The phase number the event reports.
  public var phase: Int32
  /// When the event happened.
  public var occurredAt: Date
  /// The encoded event.
  public var payload: Data

  /// Creates an event to append.
  public init(key: ResourceKey, kind: ExecutionEvent.Kind, phase: Int32, occurredAt: Date, payload: Data) {
    self.key = key
    self.kind = kind
    self.phase = phase
    self.occurredAt = occurredAt
    self.payload = payload
  }
}

/// An append-only log of execution events.
public protocol EventLog: Sendable {
  /// Appends `events` in one transaction — all or none — numbering each execution's events
  /// after its last stored one, in the order given. Returns them with their numbers.
  func append(_ events: [NewExecutionEvent]) async throws(StoreError) -> [ExecutionEvent]

  /// Up to `limit` events of `key` with a sequence number greater than `sequence`, in order.
  func events(for key: ResourceKey, after sequence: Int64, limit: Int) async throws(StoreError) -> [ExecutionEvent]
}
