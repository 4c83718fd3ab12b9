/// Kubernetes-style quantities for task capacity: cpu as cores (`4`, `1.5`) or millicores
/// (`500m`); memory as bytes with an optional binary (`Ki`, `Mi`, `Gi`, `Ti`) or decimal
/// (`k`, `M`, `G`, `T`) suffix.
enum ConfigQuantity {
  static func cpu(_ text: String) throws(ConfigValueError) -> Int64 {
    let millicores: Double?
    if text.hasSuffix("m") {
      millicores = Double(text.dropLast())
    } else {
      millicores = Double(text).map { $0 * 1000 }
    }
    guard let millicores, millicores.isFinite else {
      throw ConfigValueError(code: .wrongType, message: "expected cores such as 4, 1.5 or 500m, got '\(text)'")
    }
    guard millicores >= 1, millicores < 1e15 else {
      throw ConfigValueError(code: .invalidValue, message: "must be at least 1m, got '\(text)'")
    }
    return Int64(millicores.rounded())
  }

  static func memory(_ text: String) throws(ConfigValueError) -> Int64 {
    let suffixes: [(String, Double)] = [
      ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
      ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
    ]
    var number = Substring(text)
    var scale = 1.0
    for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
      number = text.dropLast(suffix.count)
      scale = factor
      break
    }
    guard let value = Double(number), value.isFinite else {
      throw ConfigValueError(code: .wrongType, message: "expected bytes such as 8Gi, 512Mi or 1000000, got '\(text)'")
    }
    let bytes = value * scale
    guard bytes >= 1, bytes < 9e18 else {
      throw ConfigValueError(code: .invalidValue, message: "must be at least 1 byte, got '\(text)'")
    }
    return Int64(bytes.rounded())
  }
}
