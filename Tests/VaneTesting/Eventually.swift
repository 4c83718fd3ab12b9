/// A test waited longer than its deadline for something to happen.
public struct TimedOut: Error, CustomStringConvertible {
  /// What the test was waiting for.
  public var what: String

  public init(what: String) { self.what = what }

  public var description: String { "timed out waiting for \(what)" }
}

/// Waits until `condition` holds, looking again every millisecond, for at most `limit` of real
/// time; throws `TimedOut` naming `what` after that.
///
/// The deadline only bounds a test that would otherwise hang: a passing test never depends on
/// how long it is. Prefer an explicit signal (`ManualClock.waitForSleeper`, a continuation)
/// where the code under test offers one.
public func eventually(
  _ what: String, within limit: Duration = .seconds(60), _ condition: () async throws -> Bool
) async throws {
  let giveUp = ContinuousClock.now.advanced(by: limit)
  while try await !condition() {
    guard ContinuousClock.now < giveUp else { throw TimedOut(what: what) }
    try await Task.sleep(for: .milliseconds(1))
  }
}

/// The value `produce` returns once it is non-nil, looking again every millisecond, for at most
/// `limit` of real time.
public func eventually<Value>(
  _ what: String, within limit: Duration = .seconds(60), _ produce: () async throws -> Value?
) async throws -> Value {
  let giveUp = ContinuousClock.now.advanced(by: limit)
  while true {
    if let value = try await produce() { return value }
    guard ContinuousClock.now < giveUp else { throw TimedOut(what: what) }
    try await Task.sleep(for: .milliseconds(1))
  }
}
