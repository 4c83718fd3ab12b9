public import Foundation

/// A point in wall-clock time, as Vane stores it in timestamps and compares it with stored
/// ones: the time since 1970-01-01 00:00 UTC, kept as a `Duration` so that moving it by a
/// `Duration` (a manual clock's `advance(by:)`) is exact.
///
/// It is the `Instant` of every `WallClock`, which lets one clock both stamp what the engine
/// stores and time what it waits for.
public struct WallTime: InstantProtocol, Hashable, Sendable, CustomStringConvertible {
  /// The time since 1970-01-01 00:00 UTC.
  public var sinceEpoch: Duration

  /// The instant `sinceEpoch` after 1970-01-01 00:00 UTC.
  public init(sinceEpoch: Duration) {
    self.sinceEpoch = sinceEpoch
  }

  /// The instant of `date` (to the precision of `Date`, a fraction of a microsecond).
  public init(_ date: Date) {
    self.sinceEpoch = .seconds(date.timeIntervalSince1970)
  }

  /// The instant as a `Date`, for timestamps.
  public var date: Date {
    let (seconds, attoseconds) = sinceEpoch.components
    return Date(timeIntervalSince1970: Double(seconds) + Double(attoseconds) / 1e18)
  }

  public func advanced(by duration: Duration) -> WallTime {
    WallTime(sinceEpoch: sinceEpoch + duration)
  }

  public func duration(to other: WallTime) -> Duration {
    other.sinceEpoch - sinceEpoch
  }

  public static func < (lhs: WallTime, rhs: WallTime) -> Bool {
    lhs.sinceEpoch < rhs.sinceEpoch
  }

  /// The date in ISO 8601 form.
  public var description: String { date.formatted(.iso8601) }
}
