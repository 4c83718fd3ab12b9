import VaneModel

/// Kubernetes quantities for task capacity and sizes, read as tasks' resources are
/// (`ResourceQuantity`): cpu as cores (`4`, `1.5`) or millicores (`500m`); memory as bytes with
/// an optional binary (`Ki`, `Mi`, `Gi`, …) or decimal (`k`, `M`, `G`, …) suffix.
enum ConfigQuantity {
  static func cpu(_ text: String) throws(ConfigValueError) -> Int64 {
    guard let millicores = ResourceQuantity.cpuMillicores(text) else {
      throw negative(text)
        ?? ConfigValueError(
          code: .wrongType, message: "expected cores such as 4, 1.5 or 500m, got '\(text)'")
    }
    guard millicores >= 1 else {
      throw ConfigValueError(code: .invalidValue, message: "must be at least 1m, got '\(text)'")
    }
    return millicores
  }

  static func memory(_ text: String) throws(ConfigValueError) -> Int64 {
    guard let bytes = ResourceQuantity.memoryBytes(text) else {
      throw negative(text)
        ?? ConfigValueError(
          code: .wrongType, message: "expected bytes such as 8Gi, 512Mi or 1000000, got '\(text)'")
    }
    guard bytes >= 1 else {
      throw ConfigValueError(code: .invalidValue, message: "must be at least 1 byte, got '\(text)'")
    }
    return bytes
  }

  /// The error for a quantity that reads as a number below zero.
  private static func negative(_ text: String) -> ConfigValueError? {
    guard text.hasPrefix("-"), ResourceQuantity.value(String(text.dropFirst())) != nil else { return nil }
    return ConfigValueError(code: .invalidValue, message: "must not be negative, got '\(text)'")
  }
}
