public import Foundation
public import VaneAdminStore

/// A standard 5-field cron expression — minute, hour, day of month, month, day of week — as
/// Flyte's scheduler reads it, in UTC. Fields take `*` (or `?`), numbers, ranges `a-b`, lists
/// `a,b`, steps `*/n`, `a-b/n` and `a/n`; months `JAN`–`DEC` and days `SUN`–`SAT` by name
/// (day 7 is Sunday too). Descriptors: `@yearly`, `@annually`, `@monthly`, `@weekly`,
/// `@daily`, `@midnight`, `@hourly`. When both day fields are restricted a day matching
/// either runs (cron's rule); otherwise both must match.
public struct CronExpression: Sendable, Hashable {
  public let minutes: Set<Int>
  public let hours: Set<Int>
  public let daysOfMonth: Set<Int>
  public let months: Set<Int>
  /// 0 is Sunday.
  public let daysOfWeek: Set<Int>
  let dayOfMonthIsStar: Bool
  let dayOfWeekIsStar: Bool
  /// The text it was parsed from.
  public let text: String

  static let descriptors: [String: String] = [
    "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
  ]
  static let monthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
  static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

  /// Parses `text`; `invalidArgument` names the field and what is accepted.
  public init(parsing text: String) throws(AdminError) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    self.text = trimmed
    var expanded = trimmed
    if trimmed.hasPrefix("@") {
      guard let standard = Self.descriptors[trimmed.lowercased()] else {
        let known = Self.descriptors.keys.sorted().joined(separator: ", ")
        throw AdminError(.invalidArgument, "unknown descriptor (known: \(known))", at: "cron '\(text)'")
      }
      expanded = standard
    }
    let fields = expanded.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard fields.count == 5 else {
      throw AdminError(
        .invalidArgument,
        "a cron expression has 5 fields (minute hour day-of-month month day-of-week), this one has \(fields.count)",
        at: "cron '\(text)'")
    }
    minutes = try Self.field(fields[0], 0...59, names: [], what: "minute", text)
    hours = try Self.field(fields[1], 0...23, names: [], what: "hour", text)
    daysOfMonth = try Self.field(fields[2], 1...31, names: [], what: "day of month", text)
    months = try Self.field(fields[3], 1...12, names: Self.monthNames, what: "month", text)
    let weekdays = try Self.field(fields[4], 0...7, names: Self.dayNames, what: "day of week", text)
    daysOfWeek = Set(weekdays.map { $0 % 7 })
    dayOfMonthIsStar = fields[2] == "*" || fields[2] == "?"
    dayOfWeekIsStar = fields[4] == "*" || fields[4] == "?"
  }

  /// The first time after `date` (strictly later, on a whole minute, UTC) the expression
  /// matches, or nil when it never does within eight years (e.g. `0 0 30 2 *`).
  public func next(after date: Date) -> Date? {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
    let start = (date.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
    var day = calendar.startOfDay(for: Date(timeIntervalSince1970: start))
    let sortedHours = hours.sorted()
    let sortedMinutes = minutes.sorted()
    for _ in 0..<(366 * 8) {
      let parts = calendar.dateComponents([.month, .day, .weekday], from: day)
      if let month = parts.month, let dayOfMonth = parts.day, let weekday = parts.weekday, months.contains(month),
        matchesDay(dayOfMonth, weekday - 1)
      {
        for hour in sortedHours {
          for minute in sortedMinutes {
            let time = day.timeIntervalSince1970 + Double(hour * 3600 + minute * 60)
            if time >= start { return Date(timeIntervalSince1970: time) }
          }
        }
      }
      guard let following = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
      day = following
    }
    return nil
  }

  private func matchesDay(_ dayOfMonth: Int, _ weekday: Int) -> Bool {
    let byMonth = daysOfMonth.contains(dayOfMonth)
    let byWeek = daysOfWeek.contains(weekday)
    return dayOfMonthIsStar || dayOfWeekIsStar ? byMonth && byWeek : byMonth || byWeek
  }

  private static func field(
    _ text: String, _ range: ClosedRange<Int>, names: [String], what: String, _ whole: String
  ) throws(AdminError) -> Set<Int> {
    let problem = { (message: String) in
      AdminError(.invalidArgument, "\(what) field '\(text)': \(message)", at: "cron '\(whole)'")
    }
    var values = Set<Int>()
    for part in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
      let pieces = part.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
      guard pieces.count <= 2, let rangeText = pieces.first, !rangeText.isEmpty else {
        throw problem("write a value, a range a-b, a list a,b or a step */n")
      }
      var step = 1
      if pieces.count == 2 {
        guard let parsed = Int(pieces[1]), parsed > 0 else {
          throw problem("the step '\(pieces[1])' is not a positive number")
        }
        step = parsed
      }
      var low: Int
      var high: Int
      if rangeText == "*" || rangeText == "?" {
        low = range.lowerBound
        high = range.upperBound
      } else {
        let bounds = rangeText.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count <= 2 else { throw problem("'\(rangeText)' is not a value or a range a-b") }
        guard let first = value(bounds[0], range, names) else { throw problem("'\(bounds[0])' is not in \(range)") }
        low = first
        high = pieces.count == 2 && bounds.count == 1 ? range.upperBound : first
        if bounds.count == 2 {
          guard let last = value(bounds[1], range, names) else { throw problem("'\(bounds[1])' is not in \(range)") }
          guard last >= first else { throw problem("the range \(rangeText) runs backwards") }
          high = last
        }
      }
      values.formUnion(stride(from: low, through: high, by: step))
    }
    return values
  }

  private static func value(_ text: String, _ range: ClosedRange<Int>, _ names: [String]) -> Int? {
    if let index = names.firstIndex(of: text.uppercased()) {
      return names.count == 12 ? index + 1 : index
    }
    guard let number = Int(text), range.contains(number) else { return nil }
    return number
  }
}
