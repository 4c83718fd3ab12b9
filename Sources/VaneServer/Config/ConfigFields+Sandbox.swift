extension ConfigFields {
  /// The `sandbox` section's keys.
  static let sandboxFields: [ConfigField] = [
    ConfigField(key: "sandbox.enabled") { config, text throws(ConfigValueError) in
      config.sandbox.enabled = try switchValue(text)
    },
    ConfigField(key: "sandbox.network") { config, text throws(ConfigValueError) in
      config.sandbox.network = try switchValue(text)
    },
    ConfigField(key: "sandbox.uid") { config, text throws(ConfigValueError) in
      config.sandbox.uid = try identity(text)
    },
    ConfigField(key: "sandbox.gid") { config, text throws(ConfigValueError) in
      config.sandbox.gid = try identity(text)
    },
    ConfigField(key: "sandbox.read_only_paths") { config, text throws(ConfigValueError) in
      config.sandbox.readOnlyPaths = try absolutePaths(text)
    },
    ConfigField(key: "sandbox.hidden_paths") { config, text throws(ConfigValueError) in
      config.sandbox.hiddenPaths = try absolutePaths(text)
    },
    ConfigField(key: "sandbox.executable") { config, text throws(ConfigValueError) in
      config.sandbox.executable = try nonEmpty(text)
    },
  ]

  /// A uid or gid: 0 to 4294967294 (the last value means "no id" to the kernel).
  static func identity(_ text: String) throws(ConfigValueError) -> UInt32 {
    guard let value = UInt32(text), value < UInt32.max else {
      throw ConfigValueError(code: .invalidValue, message: "expected a numeric id from 0 to 4294967294, got '\(text)'")
    }
    return value
  }

  /// A comma list of absolute paths.
  static func absolutePaths(_ text: String) throws(ConfigValueError) -> [String] {
    let paths = list(text)
    if let relative = paths.first(where: { !$0.hasPrefix("/") }) {
      throw ConfigValueError(code: .invalidValue, message: "'\(relative)' is not an absolute path")
    }
    return paths
  }
}
