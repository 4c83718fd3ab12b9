import Synchronization

/// Fans committed changes out to every watcher.
///
/// Stores publish while still holding their write lock, right after the commit, so every
/// watcher sees changes in commit order. Publishing never blocks: each watcher has its own
/// buffer (see `ResourceEventSubscription` for the newest-per-key policy). Watchers are held
/// weakly: a stream nobody iterates any more is dropped on the next publish.
public final class ResourceEventBroadcaster: Sendable {
  private struct WeakSubscription {
    weak var subscription: ResourceEventSubscription?
  }

  private struct State: ~Copyable {
    var subscriptions: [WeakSubscription] = []
    var finished = false
  }

  private let state = Mutex(State())

  /// Creates a broadcaster with no watchers.
  public init() {}

  /// A new stream of every event published from now on.
  public func subscribe() -> AsyncStream<ResourceEvent> {
    let subscription = ResourceEventSubscription()
    let alreadyFinished = state.withLock { state -> Bool in
      if !state.finished { state.subscriptions.append(WeakSubscription(subscription: subscription)) }
      return state.finished
    }
    if alreadyFinished { subscription.finish() }
    return AsyncStream(unfolding: { await subscription.next() }, onCancel: { subscription.cancel() })
  }

  /// Delivers `event` to every live watcher.
  public func publish(_ event: ResourceEvent) {
    let live = state.withLock { state -> [ResourceEventSubscription] in
      var live: [ResourceEventSubscription] = []
      live.reserveCapacity(state.subscriptions.count)
      state.subscriptions.removeAll { entry in
        guard let subscription = entry.subscription else { return true }
        live.append(subscription)
        return false
      }
      return live
    }
    for subscription in live { subscription.offer(event) }
  }

  /// Ends every stream once its watcher has drained it; later subscribers get empty streams.
  public func finish() {
    let all = state.withLock { state -> [ResourceEventSubscription] in
      state.finished = true
      defer { state.subscriptions.removeAll() }
      return state.subscriptions.compactMap(\.subscription)
    }
    for subscription in all { subscription.finish() }
  }

  /// How many watchers are still attached (for tests and metrics).
  public var subscriberCount: Int {
    state.withLock { state in state.subscriptions.count { $0.subscription != nil } }
  }
}
