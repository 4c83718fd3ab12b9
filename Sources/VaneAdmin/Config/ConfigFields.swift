import Foundation

/// One scalar setting: its dotted key, its environment variable and how to parse and apply
/// a value. Environment variables are `VANE_` and the key in capitals with `.` as `_`
/// (`server.grpc_port` → `VANE_SERVER_GRPC_PORT`).
struct ConfigField: Sendable {
  /// Parses `text` and stores it; throws `(code, message)` naming what is accepted.
  typealias Apply = @Sendable (inout Config, String) throws(ConfigValueError) -> Void

  let key: String
  let apply: Apply

  var environmentVariable: String {
    "VANE_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
  }
}

/// A value that does not parse: wrong type or out of range.
struct ConfigValueError: Error {
  let code: ConfigError.Code
  let message: String
}

enum ConfigFields {
  /// Every scalar key the file may contain (plus the `images` map, read separately).
  static let all: [ConfigField] = [
    ConfigField(key: "data_dir") { config, text throws(ConfigValueError) in config.dataDirectory = text },
    ConfigField(key: "server.host") { config, text throws(ConfigValueError) in
      config.server.host = try nonEmpty(text)
    },
    ConfigField(key: "server.grpc_port") { config, text throws(ConfigValueError) in
      config.server.grpcPort = try port(text)
    },
    ConfigField(key: "server.http_port") { config, text throws(ConfigValueError) in
      config.server.httpPort = try port(text)
    },
    ConfigField(key: "admin_store.kind") { config, text throws(ConfigValueError) in
      guard let kind = Config.StoreKind(rawValue: text) else {
        let known = Config.StoreKind.allCases.map(\.rawValue).joined(separator: " or ")
        throw ConfigValueError(code: .invalidValue, message: "'\(text)' is not a store kind; use \(known)")
      }
      config.adminStore.kind = kind
    },
    ConfigField(key: "admin_store.postgres.url") { config, text throws(ConfigValueError) in
      try ConfigPostgresURL.apply(text, to: &config.adminStore.postgres)
    },
    ConfigField(key: "admin_store.postgres.host") { config, text throws(ConfigValueError) in
      config.adminStore.postgres.host = try nonEmpty(text)
    },
    ConfigField(key: "admin_store.postgres.port") { config, text throws(ConfigValueError) in
      config.adminStore.postgres.port = try port(text)
    },
    ConfigField(key: "admin_store.postgres.user") { config, text throws(ConfigValueError) in
      config.adminStore.postgres.user = try nonEmpty(text)
    },
    ConfigField(key: "admin_store.postgres.password") { config, text throws(ConfigValueError) in
      config.adminStore.postgres.password = text
    },
    ConfigField(key: "admin_store.postgres.database") { config, text throws(ConfigValueError) in
      config.adminStore.postgres.database = try nonEmpty(text)
    },
    ConfigField(key: "admin_store.postgres.max_connections") { config, text throws(ConfigValueError) in
      config.adminStore.postgres.maxConnections = try positive(text)
    },
    ConfigField(key: "admin_store.postgres.connect_timeout") { config, text throws(ConfigValueError) in
      config.adminStore.postgres.connectTimeout = try duration(text)
    },
    ConfigField(key: "engine.workers") { config, text throws(ConfigValueError) in
      config.engine.workers = try positive(text)
    },
    ConfigField(key: "engine.resync_interval") { config, text throws(ConfigValueError) in
      config.engine.resyncInterval = try duration(text)
    },
    ConfigField(key: "tasks.cpu") { config, text throws(ConfigValueError) in
      config.tasks.cpuMillicores = try ConfigQuantity.cpu(text)
    },
    ConfigField(key: "tasks.memory") { config, text throws(ConfigValueError) in
      config.tasks.memoryBytes = try ConfigQuantity.memory(text)
    },
  ]

  /// The key of the image map.
  static let images = "images"

  /// The sections (keys whose value is a mapping).
  static var sections: Set<String> {
    var sections: Set<String> = [images]
    for field in all {
      var parts = field.key.split(separator: ".").dropLast()
      while !parts.isEmpty {
        sections.insert(parts.joined(separator: "."))
        parts = parts.dropLast()
      }
    }
    return sections
  }

  static func field(_ key: String) -> ConfigField? { all.first { $0.key == key } }

  static func nonEmpty(_ text: String) throws(ConfigValueError) -> String {
    guard !text.isEmpty else { throw ConfigValueError(code: .invalidValue, message: "must not be empty") }
    return text
  }

  static func port(_ text: String) throws(ConfigValueError) -> Int {
    guard let value = Int(text) else {
      throw ConfigValueError(code: .wrongType, message: "expected a port number (0-65535), got '\(text)'")
    }
    guard (0...65535).contains(value) else {
      throw ConfigValueError(code: .invalidValue, message: "\(value) is not a port number (0-65535)")
    }
    return value
  }

  static func positive(_ text: String) throws(ConfigValueError) -> Int {
    guard let value = Int(text) else {
      throw ConfigValueError(code: .wrongType, message: "expected a whole number, got '\(text)'")
    }
    guard value > 0 else { throw ConfigValueError(code: .invalidValue, message: "must be at least 1, got \(value)") }
    return value
  }

  /// `250ms`, `10s`, `5m`, `1h`, or a plain number of seconds.
  static func duration(_ text: String) throws(ConfigValueError) -> Duration {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    var number = text
    var scale = 1.0
    for (suffix, factor) in units where text.hasSuffix(suffix) {
      number = String(text.dropLast(suffix.count))
      scale = factor
      break
    }
    guard let value = Double(number), value.isFinite else {
      throw ConfigValueError(
        code: .wrongType, message: "expected a duration such as 500ms, 10s, 5m or 1h, got '\(text)'")
    }
    guard value > 0 else { throw ConfigValueError(code: .invalidValue, message: "must be longer than 0") }
    return .milliseconds(Int64((value * scale * 1000).rounded()))
  }
}
