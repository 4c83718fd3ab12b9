/// A duration as configuration and flags write it: a number with an optional unit — `250ms`,
/// `10s`, `5m`, `1h` — or a plain number of seconds. Callers bound and round the value.
public enum DurationText {
  /// The number and the seconds one unit of it is, or nil when `text` is not a finite number
  /// with one of those units. The sign is kept: callers say what a negative value means.
  public static func parse(_ text: String) -> (value: Double, secondsPerUnit: Double)? {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    var number = Substring(text)
    var scale = 1.0
    for (suffix, factor) in units where text.hasSuffix(suffix) {
      number = text.dropLast(suffix.count)
      scale = factor
      break
    }
    guard let value = Double(number), value.isFinite else { return nil }
    return (value, scale)
  }
}
