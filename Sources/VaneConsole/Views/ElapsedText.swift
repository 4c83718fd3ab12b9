public import Foundation

/// Durations as people read them on a page: `850 ms`, `12.3 s`, `4m 05s`, `2h 03m`, `3d 4h`.
public enum ElapsedText {
  public static func format(_ seconds: TimeInterval) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "–" }
    if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
    if seconds < 60 { return String(format: "%.1f s", seconds) }
    let whole = Int(seconds.rounded())
    if whole < 3600 { return String(format: "%dm %02ds", whole / 60, whole % 60) }
    if whole < 86_400 { return String(format: "%dh %02dm", whole / 3600, (whole % 3600) / 60) }
    return "\(whole / 86_400)d \((whole % 86_400) / 3600)h"
  }

  /// `2026-12-05 14:03:07 UTC`.
  public static func timestamp(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
    return formatter.string(from: date)
  }
}
