public import Foundation

/// The one clock the engine, its plugins and its timers read: a Swift `Clock` whose instants
/// are wall time, so the same clock stamps what is stored (status and event timestamps,
/// deadlines counted from them across restarts) and times what is waited for (delayed
/// rounds, back-off, resyncs, grace periods).
///
/// Production code uses `SystemClock`; tests inject a manual clock and move time themselves,
/// so nothing in a test waits for real time to pass.
public protocol WallClock: Clock where Instant == WallTime {}

extension WallClock {
  /// Now, as a `WallTime`'s date: what a timestamp records.
  public var date: Date { now.date }
}
