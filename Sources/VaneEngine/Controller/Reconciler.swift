/// The logic of one round for one key. The worker pool calls it; it must be idempotent (a
/// round can be interrupted and repeated) and should not block for long: work that takes
/// time is started elsewhere and the round asks to be re-queued.
public protocol Reconciler<Key>: Sendable {
  /// The key type of the queue the reconciler serves.
  associatedtype Key: Hashable & Sendable

  /// Runs one round for `key` and says what should happen to it next. The pool never runs
  /// two rounds of the same key at once. The round is cancelled when it overruns the pool's
  /// round deadline or the pool is cancelled.
  func reconcile(_ key: Key) async -> ReconcileOutcome
}

/// What a round asks the worker pool to do with its key.
public enum ReconcileOutcome: Sendable {
  /// Nothing more to do until the key is added again; its back-off is reset.
  case done
  /// Wake the key up again after `delay` (something is waiting on time): the key is queued
  /// again then, and its back-off is reset. Counted as `outcome=requeue` in the metrics.
  case wakeUp(after: Duration)
  /// The round failed; retry after the key's exponential back-off.
  case retry(any Error)

  /// A short name for logs and metrics: `done`, `requeue` (for `wakeUp`) or `retry`.
  public var name: String {
    switch self {
    case .done: "done"
    case .wakeUp: "requeue"
    case .retry: "retry"
    }
  }
}
