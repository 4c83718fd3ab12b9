public import Foundation

/// Elapsed time the way the progress display shows it: whole seconds, ticking once a second
/// — `7s`, `3m05s`, `2h03m`.
public enum ElapsedText {
  public static func of(_ interval: TimeInterval) -> String {
    let seconds = max(0, Int(interval.rounded(.down)))
    if seconds < 60 { return "\(seconds)s" }
    if seconds < 3600 { return "\(seconds / 60)m" + twoDigits(seconds % 60) + "s" }
    return "\(seconds / 3600)h" + twoDigits(seconds % 3600 / 60) + "m"
  }

  private static func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }
}
