import VaneData
import VaneS3

extension ConfigFields {
  /// The `storage` section: object storage for execution data (`StorageSelection`). Giving any
  /// of these keys selects object storage, and then `storage.uri` is required (`Config.checkStorage`).
  static let storageFields: [ConfigField] = [
    storageURI("storage.uri") { $0.uri = $1 },
    storageURI("storage.metadata_prefix") { $0.metadataPrefix = $1 },
    storageURI("storage.raw_output_prefix") { $0.rawOutputPrefix = $1 },
    storageURI("storage.upload_prefix") { $0.uploadPrefix = $1 },
    ConfigField(key: "storage.endpoint") { config, text throws(ConfigValueError) in
      let lowered = text.lowercased()
      guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else {
        throw ConfigValueError(
          code: .invalidValue, message: "'\(text)' is not an http:// or https:// URL (e.g. http://127.0.0.1:9000)")
      }
      config.changeStorage { $0.endpoint = text }
    },
    ConfigField(key: "storage.region") { config, text throws(ConfigValueError) in
      let region = try nonEmpty(text)
      config.changeStorage { $0.region = region }
    },
    ConfigField(key: "storage.profile") { config, text throws(ConfigValueError) in
      let profile = try nonEmpty(text)
      config.changeStorage { $0.profile = profile }
    },
    ConfigField(key: "storage.addressing") { config, text throws(ConfigValueError) in
      guard let addressing = StorageSelection.Addressing(rawValue: text) else {
        throw ConfigValueError(
          code: .invalidValue, message: "'\(text)' is not an addressing style; use path or virtual")
      }
      config.changeStorage { $0.addressing = addressing }
    },
    ConfigField(key: "storage.access_key_id") { config, text throws(ConfigValueError) in
      let key = try nonEmpty(text)
      config.changeStorage { $0.accessKeyID = key }
    },
    ConfigField(key: "storage.secret_access_key") { config, text throws(ConfigValueError) in
      let secret = try nonEmpty(text)
      config.changeStorage { $0.secretAccessKey = secret }
    },
    ConfigField(key: "storage.retry.attempts") { config, text throws(ConfigValueError) in
      let attempts = try positive(text)
      config.changeStorage { $0.tuning.retryAttempts = attempts }
    },
    ConfigField(key: "storage.retry.initial_delay") { config, text throws(ConfigValueError) in
      let delay = try duration(text)
      config.changeStorage { $0.tuning.retryInitialDelay = delay }
    },
    ConfigField(key: "storage.retry.max_delay") { config, text throws(ConfigValueError) in
      let delay = try duration(text)
      config.changeStorage { $0.tuning.retryMaximumDelay = delay }
    },
    ConfigField(key: "storage.request_timeout") { config, text throws(ConfigValueError) in
      let timeout = try duration(text)
      config.changeStorage { $0.tuning.requestTimeout = timeout }
    },
    ConfigField(key: "storage.cache.size") { config, text throws(ConfigValueError) in
      let bytes = text == "0" ? 0 : Int(try ConfigQuantity.memory(text))
      config.changeStorage { $0.tuning.cacheBytes = bytes }
    },
    ConfigField(key: "storage.cache.object_limit") { config, text throws(ConfigValueError) in
      let bytes = Int(try ConfigQuantity.memory(text))
      config.changeStorage { $0.tuning.cacheObjectLimit = bytes }
    },
  ]

  /// A `s3://bucket/prefix` key, checked as S3 checks bucket names and keys.
  private static func storageURI(
    _ key: String, _ set: @escaping @Sendable (inout StorageSelection, String) -> Void
  ) -> ConfigField {
    ConfigField(key: key) { config, text throws(ConfigValueError) in
      guard text.lowercased().hasPrefix("s3://") else {
        throw ConfigValueError(code: .invalidValue, message: "'\(text)' is not an s3://BUCKET/PREFIX URI")
      }
      let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
      do throws(DataError) {
        _ = try S3Location(DataURI(trimmed))
      } catch {
        throw ConfigValueError(code: .invalidValue, message: error.message)
      }
      config.changeStorage { set(&$0, trimmed) }
    }
  }
}

extension Config {
  /// Applies `change` to the storage selection, starting one (without a URI yet) if none.
  mutating func changeStorage(_ change: (inout StorageSelection) -> Void) {
    var selection = storage ?? StorageSelection(uri: "")
    change(&selection)
    storage = selection
  }

  /// Fails when storage keys were given without `storage.uri`, or the selection is unusable
  /// (a key pair given by half). Call once every layer (file, environment, flags) is applied.
  public func checkStorage() throws(ConfigError) {
    guard let storage else { return }
    guard !storage.uri.isEmpty else {
      throw ConfigError(
        .invalidValue, key: "storage.uri", location: nil,
        "required when other storage settings are given (s3://BUCKET/PREFIX)")
    }
    do {
      try storage.check()
    } catch {
      throw ConfigError(.invalidValue, key: "storage", location: nil, error.message)
    }
  }
}

extension ConfigReader {
  /// Applies only the `VANE_STORAGE_…` variables (what `vane run` reads besides its options).
  public static func applyStorageEnvironment(
    _ environment: [String: String], to config: inout Config
  ) throws(ConfigError) {
    for field in ConfigFields.storageFields {
      guard let value = environment[field.environmentVariable], !value.isEmpty else { continue }
      do {
        try field.apply(&config, value)
      } catch {
        throw ConfigError(error.code, key: field.key, location: field.environmentVariable, error.message)
      }
    }
  }
}
