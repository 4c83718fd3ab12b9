public import SwiftProtobuf

/// Duration text in the forms `pyflyte run` accepts, plus ISO 8601: plain seconds (`90`,
/// `1.5`), units (`10s`, `1m30s`, `2 hours`, `1h 30m`, `3 days`), clock form (`1:24` is one
/// minute 24 seconds, `:22`, `1:02:03`), and ISO 8601 (`PT1M30S`, `P1DT2H`). A leading `-`
/// negates.
public enum DurationText {
  private static let unitSeconds: [String: Double] = [
    "w": 604_800, "wk": 604_800, "wks": 604_800, "week": 604_800, "weeks": 604_800,
    "d": 86_400, "dy": 86_400, "dys": 86_400, "day": 86_400, "days": 86_400,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
    "m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
    "s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
    "ms": 0.001, "msec": 0.001, "millisecond": 0.001, "milliseconds": 0.001,
  ]

  /// The duration the text names, or nil when it is not a duration.
  public static func parse(_ text: String) -> Google_Protobuf_Duration? {
    var body = text.trimmingSpaces
    var sign = 1.0
    if body.hasPrefix("-") { sign = -1; body.removeFirst() } else if body.hasPrefix("+") { body.removeFirst() }
    body = body.trimmingSpaces
    guard !body.isEmpty, let seconds = plain(body) ?? iso(body) ?? clock(body) ?? units(body), seconds.isFinite
    else { return nil }
    return make(seconds: sign * seconds)
  }

  /// `90s`, `1m30.5s`, `-2s`: whole units, the form `parse` reads back.
  public static func format(_ duration: Google_Protobuf_Duration) -> String {
    let negative = duration.seconds < 0 || duration.nanos < 0
    var seconds = abs(duration.seconds)
    let nanos = abs(Int64(duration.nanos))
    var text = negative ? "-" : ""
    for (unit, size) in [("d", Int64(86_400)), ("h", 3600), ("m", 60)] where seconds >= size {
      text += "\(seconds / size)\(unit)"
      seconds %= size
    }
    if seconds > 0 || nanos > 0 || text.count <= 1 {
      text += String(seconds)
      if nanos > 0 {
        var fraction = String(nanos)
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        text += "." + fraction
      }
      text += "s"
    }
    return text
  }

  private static func plain(_ text: String) -> Double? {
    var scanner = TextScanner(text)
    guard let number = scanner.decimal(), scanner.isAtEnd else { return nil }
    return Double(number)
  }

  private static func iso(_ text: String) -> Double? {
    var scanner = TextScanner(text.uppercased())
    guard scanner.skip("P"), !scanner.isAtEnd else { return nil }
    var total = 0.0
    var inTime = false
    var order = 0
    while !scanner.isAtEnd {
      if !inTime, scanner.skip("T") { inTime = true; order = 2; continue }
      guard let number = scanner.decimal().flatMap(Double.init), let designator = scanner.current else { return nil }
      _ = scanner.skip(designator)
      let rank: Int
      let size: Double
      switch (inTime, designator) {
      case (false, "W"): (rank, size) = (0, 604_800)
      case (false, "D"): (rank, size) = (1, 86_400)
      case (true, "H"): (rank, size) = (3, 3600)
      case (true, "M"): (rank, size) = (4, 60)
      case (true, "S"): (rank, size) = (5, 1)
      default: return nil
      }
      guard rank >= order else { return nil }
      order = rank + 1
      total += number * size
    }
    return total
  }

  private static func clock(_ text: String) -> Double? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 2 || parts.count == 3 else { return nil }
    var total = 0.0
    for (index, part) in parts.enumerated() {
      let isLast = index == parts.count - 1
      if part.isEmpty && index == 0 && parts.count == 2 { continue }
      guard !part.isEmpty, part.allSatisfy({ $0.asciiDigit != nil || (isLast && $0 == ".") }),
        let value = Double(part)
      else { return nil }
      total = total * 60 + value
    }
    return total
  }

  private static func units(_ text: String) -> Double? {
    var scanner = TextScanner(text)
    var total = 0.0
    var matched = false
    while true {
      scanner.skipSpaces()
      while scanner.skip(",") { scanner.skipSpaces() }
      if scanner.isAtEnd { break }
      if matched {
        let before = scanner
        if scanner.word() == "and" { scanner.skipSpaces() } else { scanner = before }
      }
      guard let number = scanner.decimal().flatMap(Double.init) else { return nil }
      scanner.skipSpaces()
      guard let size = unitSeconds[scanner.word()] else { return nil }
      total += number * size
      matched = true
    }
    return matched ? total : nil
  }

  private static func make(seconds: Double) -> Google_Protobuf_Duration? {
    let nanosTotal = (seconds * 1e9).rounded()
    guard abs(nanosTotal) < 9.2e18 else { return nil }
    let whole = Int64(nanosTotal)
    var duration = Google_Protobuf_Duration()
    duration.seconds = whole / 1_000_000_000
    duration.nanos = Int32(whole % 1_000_000_000)
    return duration
  }
}
