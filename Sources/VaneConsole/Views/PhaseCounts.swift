import VaneModel

/// How many members of a group (a map task's items, a summarised fan-out) are in each phase
/// colour group, and the group the whole shows.
public struct PhaseCounts: Sendable, Hashable {
  public private(set) var counts: [PhaseStyle: Int] = [:]

  public init() {}

  /// Counts one more member in `style`.
  public mutating func add(_ style: PhaseStyle, count: Int = 1) {
    counts[style, default: 0] += count
  }

  public var total: Int { counts.values.reduce(0, +) }

  public subscript(style: PhaseStyle) -> Int { counts[style] ?? 0 }

  /// The group shown for the whole: any failure, else anything in progress, else anything
  /// waiting — a fan-out is finished only when every member is.
  public var overall: PhaseStyle {
    PhaseStyle.precedence.first { self[$0] > 0 } ?? .pending
  }

  /// `9,998 ✓ · 2 ✗`-style text, non-zero groups only, in a fixed order.
  public var summary: String {
    let order: [(PhaseStyle, String)] = [
      (.succeeded, "done"), (.running, "running"), (.pending, "waiting"), (.failed, "failed"),
      (.aborted, "aborted"), (.skipped, "skipped"),
    ]
    return order.compactMap { style, word in
      self[style] > 0 ? "\(Self.grouped(self[style])) \(word)" : nil
    }.joined(separator: " · ")
  }

  /// `10,000`: thousands separated by commas, independent of the locale.
  public static func grouped(_ number: Int) -> String {
    let digits = String(abs(number))
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out += "," }
      out.append(digit)
    }
    return number < 0 ? "-" + out : out
  }
}
