import Synchronization

/// A lock-protected value that escaping test closures can share.
public final class Locked<Value: Sendable>: Sendable {
  private let mutex: Mutex<Value>

  public init(_ value: Value) { mutex = Mutex(value) }

  /// The current value.
  public var value: Value { mutex.withLock { $0 } }

  /// Runs `body` with exclusive access to the value.
  @discardableResult
  public func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
    mutex.withLock { body(&$0) }
  }
}
