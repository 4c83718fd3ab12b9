extension ConfigFields {
  /// The `console` section's keys.
  static let consoleFields: [ConfigField] = [
    ConfigField(key: "console.enabled") { config, text throws(ConfigValueError) in
      config.console.enabled = try boolean(text)
    },
    ConfigField(key: "console.dot") { config, text throws(ConfigValueError) in config.console.dot = try nonEmpty(text)
    },
    ConfigField(key: "console.endpoint") { config, text throws(ConfigValueError) in
      guard text.hasPrefix("http://") || text.hasPrefix("https://") else {
        throw ConfigValueError(code: .invalidValue, message: "expected an http:// or https:// URL, got '\(text)'")
      }
      config.console.endpoint = text.hasSuffix("/") ? String(text.dropLast()) : text
    },
  ]

  /// `true`/`false` (also `yes`/`no`, `on`/`off`, `1`/`0`).
  static func boolean(_ text: String) throws(ConfigValueError) -> Bool {
    switch text.lowercased() {
    case "true", "yes", "on", "1": return true
    case "false", "no", "off", "0": return false
    default: throw ConfigValueError(code: .wrongType, message: "expected true or false, got '\(text)'")
    }
  }
}
