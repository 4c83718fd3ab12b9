import Synchronization

/// A test waited too long for something.
struct TimedOut: Error, CustomStringConvertible {
  var what: String
  var description: String { "timed out waiting for \(what)" }
}

/// Waits (in real time) until `condition` holds, for at most `limit`.
func eventually(
  _ what: String, within limit: Duration = .seconds(10), _ condition: () -> Bool
) async throws {
  let giveUp = ContinuousClock.now.advanced(by: limit)
  while !condition() {
    guard ContinuousClock.now < giveUp else { throw TimedOut(what: what) }
    try await Task.sleep(for: .milliseconds(1))
  }
}

/// A lock-protected value that escaping test closures can share.
final class Locked<Value: Sendable>: Sendable {
  private let mutex: Mutex<Value>

  init(_ value: Value) { mutex = Mutex(value) }

  /// The current value.
  var value: Value { mutex.withLock { $0 } }

  /// Runs `body` with exclusive access to the value.
  func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
    mutex.withLock { body(&$0) }
  }
}
