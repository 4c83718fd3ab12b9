public import SwiftProtobuf

/// The largest durations and counts a registered spec may ask for, and the one way the engine
/// turns a spec's duration into a `Duration`.
///
/// A spec is untrusted: a node timeout of 10^17 s or `retries = 4294967295` must be refused
/// with a clear error when it is registered (the compiler checks every value against these
/// limits), and must never trap the engine when it comes from a spec stored before the limits
/// existed (the engine reads every spec duration through `duration(_:)`, which clamps, and
/// counts attempts with `attempts(retries:)`, which saturates).
///
/// The limits are far above anything a real workflow needs and far below what overflows:
/// 100 years of nanoseconds fit in an `Int64` (which holds 292 years), and
/// `maxDuration × (maxRetries + 1)` fits in a `Duration` (which holds 10^20 seconds).
public enum SpecLimits {
  /// The longest timeout, sleep or other duration a spec may give: 100 years.
  public static let maxDuration: Duration = .seconds(maxDurationSeconds)
  /// `maxDuration` in whole seconds.
  public static let maxDurationSeconds: Int64 = 100 * 365 * 86_400
  /// The most retries a node or task may ask for.
  public static let maxRetries: UInt32 = 10_000

  /// What is wrong with `duration` as a spec value named `field`, or nil when it is a valid,
  /// non-negative duration of at most `maxDuration`.
  public static func problem(with duration: Google_Protobuf_Duration, field: String) -> String? {
    let seconds = duration.seconds
    let nanos = duration.nanos
    guard abs(Int64(nanos)) < 1_000_000_000, seconds == 0 || nanos == 0 || (seconds < 0) == (nanos < 0) else {
      return "\(field) is not a valid duration (seconds \(seconds), nanos \(nanos))"
    }
    guard seconds >= 0, nanos >= 0 else {
      return "\(field) is negative (\(seconds) s); give a duration of zero or more"
    }
    guard seconds < maxDurationSeconds || (seconds == maxDurationSeconds && nanos == 0) else {
      return "\(field) is \(seconds) s; the longest allowed is \(maxDurationSeconds) s (100 years)"
    }
    return nil
  }

  /// What is wrong with `retries` as a spec value named `field`, or nil when it is at most
  /// `maxRetries`.
  public static func problem(withRetries retries: UInt32, field: String) -> String? {
    guard retries > maxRetries else { return nil }
    return "\(field) is \(retries); the most allowed is \(maxRetries)"
  }

  /// The duration a spec gives, clamped into `0...maxDuration` (a negative value is zero).
  public static func duration(_ duration: Google_Protobuf_Duration) -> Duration {
    if duration.seconds >= maxDurationSeconds { return maxDuration }
    if duration.seconds < 0 || (duration.seconds == 0 && duration.nanos < 0) { return .zero }
    let value = Duration.seconds(duration.seconds) + .nanoseconds(Int64(duration.nanos))
    return min(max(value, .zero), maxDuration)
  }

  /// The attempts a retry budget allows (`retries + 1`), computed without overflow; a budget
  /// above `maxRetries` (a spec stored before the limit) counts as `maxRetries`.
  public static func attempts(retries: UInt32) -> Int {
    Int(min(retries, maxRetries)) + 1
  }
}

extension SpecLimits {
  /// The deepest a workflow may nest sub-workflows, branches, map tasks and dynamic subgraphs
  /// inside one another. Each level nests the stored spec and status a few protobuf messages
  /// deeper; 16 levels stay well inside protobuf's decoding limit of 100, where a deeper
  /// workflow would fail every round instead of being refused once with a clear error.
  public static let maxNestingDepth = 16
}
