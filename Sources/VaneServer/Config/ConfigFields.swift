import Foundation
import VaneAdminStore
import VaneEngine
import VaneModel

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
  static let all: [ConfigField] =
    [
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
        do throws(AdminError) {
          try config.adminStore.postgres.apply(url: text)
        } catch {
          throw ConfigValueError(code: .invalidValue, message: error.message)
        }
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
      ConfigField(key: "engine.node_active_deadline") { config, text throws(ConfigValueError) in
        config.engine.deadlines.nodeActive = try deadline(text)
      },
      ConfigField(key: "engine.node_execution_deadline") { config, text throws(ConfigValueError) in
        config.engine.deadlines.nodeExecution = try deadline(text)
      },
      ConfigField(key: "engine.workflow_active_deadline") { config, text throws(ConfigValueError) in
        config.engine.deadlines.workflowActive = try deadline(text)
      },
      ConfigField(key: "tasks.cpu") { config, text throws(ConfigValueError) in
        config.tasks.cpuMillicores = try ConfigQuantity.cpu(text)
      },
      ConfigField(key: "tasks.memory") { config, text throws(ConfigValueError) in
        config.tasks.memoryBytes = try ConfigQuantity.memory(text)
      },
      ConfigField(key: "tasks.secrets_dir") { config, text throws(ConfigValueError) in
        config.tasks.secretsDirectory = try nonEmpty(text)
      },
    ] + serverSecurityFields + authFields + limitsFields + rayFields + warmStartFields + storageFields + consoleFields
    + sandboxFields + replicaFields + roundFields

  /// The `ray` section's keys.
  static let rayFields: [ConfigField] = [
    ConfigField(key: "ray.address") { config, text throws(ConfigValueError) in
      guard let url = URLComponents(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
        !(url.host ?? "").isEmpty, url.query == nil
      else {
        throw ConfigValueError(
          code: .invalidValue, message: "'\(text)' is not the job API's URL; write http://HOST:PORT (the dashboard)")
      }
      config.ray.address = text
    },
    ConfigField(key: "ray.work_dir") { config, text throws(ConfigValueError) in
      config.ray.workDirectory = try nonEmpty(text)
    },
    ConfigField(key: "ray.task_types") { config, text throws(ConfigValueError) in config.ray.taskTypes = list(text) },
    ConfigField(key: "ray.images") { config, text throws(ConfigValueError) in config.ray.images = list(text) },
    ConfigField(key: "ray.projects") { config, text throws(ConfigValueError) in config.ray.projects = list(text) },
    ConfigField(key: "ray.resources") { config, text throws(ConfigValueError) in
      var resources: [String: Double] = [:]
      for (name, amount) in try pairs(text, shape: "NAME=AMOUNT") {
        guard let value = Double(amount), value > 0, value.isFinite else {
          throw ConfigValueError(code: .invalidValue, message: "the amount of '\(name)' must be a positive number")
        }
        resources[name] = value
      }
      config.ray.resources = resources
    },
    ConfigField(key: "ray.labels") { config, text throws(ConfigValueError) in
      config.ray.labels = Dictionary(try pairs(text, shape: "KEY=VALUE"), uniquingKeysWith: { _, last in last })
    },
    ConfigField(key: "ray.poll_interval") { config, text throws(ConfigValueError) in
      config.ray.pollInterval = try duration(text)
    },
    ConfigField(key: "ray.contact_timeout") { config, text throws(ConfigValueError) in
      config.ray.contactTimeout = try duration(text)
    },
  ]

  /// The `warm_starts` section's keys.
  static let warmStartFields: [ConfigField] = [
    ConfigField(key: "warm_starts.enabled") { config, text throws(ConfigValueError) in
      config.warmStarts.enabled = try switchValue(text)
    },
    ConfigField(key: "warm_starts.cold_images") { config, text throws(ConfigValueError) in
      config.warmStarts.coldImages = Set(list(text))
    },
    ConfigField(key: "warm_starts.idle_timeout") { config, text throws(ConfigValueError) in
      config.warmStarts.idleTimeout = try duration(text)
    },
    ConfigField(key: "warm_starts.start_timeout") { config, text throws(ConfigValueError) in
      config.warmStarts.startTimeout = try duration(text)
    },
    ConfigField(key: "warm_starts.start_wait") { config, text throws(ConfigValueError) in
      config.warmStarts.startWait = try duration(text)
    },
    ConfigField(key: "warm_starts.fork_timeout") { config, text throws(ConfigValueError) in
      config.warmStarts.forkTimeout = try duration(text)
    },
    ConfigField(key: "warm_starts.max_servers") { config, text throws(ConfigValueError) in
      config.warmStarts.maxServers = try positive(text)
    },
  ]

  /// `true`/`false` (also `yes`/`no`, `on`/`off`, `1`/`0`).
  static func switchValue(_ text: String) throws(ConfigValueError) -> Bool {
    switch text.lowercased() {
    case "true", "yes", "on", "1": return true
    case "false", "no", "off", "0": return false
    default: throw ConfigValueError(code: .wrongType, message: "expected true or false, got '\(text)'")
    }
  }

  /// A comma list, blanks trimmed and empty entries dropped.
  static func list(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// A comma list of `A=B` entries.
  static func pairs(_ text: String, shape: String) throws(ConfigValueError) -> [(String, String)] {
    var result: [(String, String)] = []
    for entry in list(text) {
      let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw ConfigValueError(code: .invalidValue, message: "'\(entry)' is not \(shape); separate entries with commas")
      }
      result.append((parts[0], parts[1]))
    }
    return result
  }

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

  /// A default deadline: a duration as for `duration`, or `0` for none.
  static func deadline(_ text: String) throws(ConfigValueError) -> Duration? {
    switch EngineDeadlines.parse(text) {
    case .success(let deadline): return deadline
    case .failure(let error): throw ConfigValueError(code: .invalidValue, message: error.message)
    }
  }

  /// `250ms`, `10s`, `5m`, `1h`, or a plain number of seconds.
  static func duration(_ text: String) throws(ConfigValueError) -> Duration {
    guard let (value, scale) = DurationText.parse(text) else {
      throw ConfigValueError(
        code: .wrongType, message: "expected a duration such as 500ms, 10s, 5m or 1h, got '\(text)'")
    }
    guard value > 0 else { throw ConfigValueError(code: .invalidValue, message: "must be longer than 0") }
    return .milliseconds(Int64((value * scale * 1000).rounded()))
  }
}
