import Synchronization

/// Counts the calls of a `wakeUp` closure handed to code under test (a plugin's
/// `context.wakeUp`, a round's wake-up) and lets a test wait for the next one.
public final class WakeSignal: Sendable {
  private let count = Mutex(0)

  public init() {}

  /// The closure to hand in: each call counts one wake-up.
  public var wakeUp: @Sendable () -> Void { { [self] in count.withLock { $0 += 1 } } }

  /// How many wake-ups happened so far.
  public var value: Int { count.withLock { $0 } }

  /// Waits until more than `seen` wake-ups happened; false when `limit` of real time passed
  /// first (the limit only bounds a test that would otherwise hang).
  public func wait(after seen: Int, within limit: Duration = .seconds(60)) async -> Bool {
    (try? await eventually("a wake-up", within: limit) { value > seen }) != nil
  }
}
