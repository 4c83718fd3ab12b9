public import SwiftProtobuf

/// ISO 8601 date-time text as Python's `datetime.fromisoformat` reads it: `2024-01-02`,
/// `2024-01-02T03:04`, `2024-01-02 03:04:05.123456`, with `Z` or an offset such as `+02:00`.
/// Text without an offset is UTC, as flytekit stores naive datetimes.
public enum DateTimeText {
  /// The instant the text names, or nil when it is not an ISO 8601 date-time.
  public static func parse(_ text: String) -> Google_Protobuf_Timestamp? {
    var scanner = TextScanner(text.trimmingSpaces)
    guard let year = scanner.digits(exactly: 4), scanner.skip("-"),
      let month = scanner.digits(exactly: 2), scanner.skip("-"),
      let day = scanner.digits(exactly: 2),
      (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
    else { return nil }
    var seconds = daysFromCivil(year: year, month: month, day: day) * 86_400
    var nanos: Int32 = 0
    if scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") {
      guard let hour = scanner.digits(exactly: 2), hour < 24 else { return nil }
      var minute = 0
      var second = 0
      if scanner.skip(":") {
        guard let value = scanner.digits(exactly: 2), value < 60 else { return nil }
        minute = value
        if scanner.skip(":") {
          guard let value = scanner.digits(exactly: 2), value < 60 else { return nil }
          second = value
          if scanner.skip(".") || scanner.skip(",") {
            guard let fraction = scanner.fraction() else { return nil }
            nanos = fraction
          }
        }
      }
      seconds += Int64(hour * 3600 + minute * 60 + second)
      guard let offset = zoneOffset(&scanner) else { return nil }
      seconds -= Int64(offset)
    }
    guard scanner.isAtEnd else { return nil }
    var timestamp = Google_Protobuf_Timestamp()
    timestamp.seconds = seconds
    timestamp.nanos = nanos
    return timestamp
  }

  /// `2024-01-02T03:04:05Z`, with a fraction when there are nanoseconds.
  public static func format(_ timestamp: Google_Protobuf_Timestamp) -> String {
    let days = floorDivide(timestamp.seconds, 86_400)
    let secondOfDay = Int(timestamp.seconds - days * 86_400)
    let (year, month, day) = civil(fromDays: days)
    var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
    text += "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
    if timestamp.nanos > 0 {
      var fraction = pad(Int(timestamp.nanos), 9)
      while fraction.hasSuffix("0") { fraction.removeLast() }
      text += "." + fraction
    }
    return text + "Z"
  }

  /// Seconds east of UTC, 0 when no zone is written, nil when the zone is malformed.
  private static func zoneOffset(_ scanner: inout TextScanner) -> Int? {
    if scanner.isAtEnd { return 0 }
    if scanner.skip("Z") || scanner.skip("z") { return 0 }
    let sign: Int
    if scanner.skip("+") { sign = 1 } else if scanner.skip("-") { sign = -1 } else { return nil }
    guard let hours = scanner.digits(exactly: 2), hours < 24 else { return nil }
    _ = scanner.skip(":")
    let minutes = scanner.digits(exactly: 2) ?? 0
    guard minutes < 60 else { return nil }
    return sign * (hours * 3600 + minutes * 60)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
    let shiftedYear = Int64(month <= 2 ? year - 1 : year)
    let era = floorDivide(shiftedYear, 400)
    let yearOfEra = shiftedYear - era * 400
    let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  static func civil(fromDays days: Int64) -> (Int, Int, Int) {
    let shifted = days + 719_468
    let era = floorDivide(shifted, 146_097)
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month), Int(day))
  }

  static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
  }

  private static func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}
