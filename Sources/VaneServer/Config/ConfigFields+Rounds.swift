import VaneEngine

extension ConfigFields {
  /// The `engine` section's round limits (`RoundLimits`): how much one round of one execution
  /// may do before it commits, and how large a status may grow.
  static let roundFields: [ConfigField] = [
    ConfigField(key: "engine.round_transitions") { config, text throws(ConfigValueError) in
      config.engine.roundLimits.transitions = try positive(text)
    },
    ConfigField(key: "engine.round_duration") { config, text throws(ConfigValueError) in
      config.engine.roundLimits.duration = try duration(text)
    },
    ConfigField(key: "engine.first_round_duration") { config, text throws(ConfigValueError) in
      config.engine.roundLimits.firstRoundDuration = try duration(text)
    },
    ConfigField(key: "engine.longest_round_duration") { config, text throws(ConfigValueError) in
      config.engine.roundLimits.longestDuration = try duration(text)
    },
    ConfigField(key: "engine.max_status_size") { config, text throws(ConfigValueError) in
      let bytes = try ConfigQuantity.memory(text)
      guard bytes >= 1 << 20, bytes <= Int64(Int.max) else {
        throw ConfigValueError(code: .invalidValue, message: "must be at least 1Mi, got \(text)")
      }
      config.engine.roundLimits.statusBytes = Int(bytes)
    },
  ]
}
