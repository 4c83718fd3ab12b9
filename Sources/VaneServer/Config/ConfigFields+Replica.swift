import VaneStore

extension ConfigFields {
  /// The `replica` section's keys.
  static let replicaFields: [ConfigField] = [
    ConfigField(key: "replica.enabled") { config, text throws(ConfigValueError) in
      config.replica.enabled = try switchValue(text)
    },
    ConfigField(key: "replica.id") { config, text throws(ConfigValueError) in
      let id = try nonEmpty(text)
      guard id.utf8.count <= 200, !id.contains("/") else {
        throw ConfigValueError(code: .invalidValue, message: "a replica id has 1-200 bytes and no '/'")
      }
      config.replica.id = id
    },
    ConfigField(key: "replica.shards") { config, text throws(ConfigValueError) in
      let shards = try positive(text)
      guard shards <= ShardMap.maxShards else {
        throw ConfigValueError(code: .invalidValue, message: "at most \(ShardMap.maxShards) shards, got \(shards)")
      }
      config.replica.shards = shards
    },
    ConfigField(key: "replica.lease_ttl") { config, text throws(ConfigValueError) in
      let ttl = try duration(text)
      guard ttl >= .milliseconds(300), ttl <= .seconds(3_600) else {
        throw ConfigValueError(code: .invalidValue, message: "must be between 300ms and 1h")
      }
      config.replica.leaseTTL = ttl
    },
    ConfigField(key: "replica.schema") { config, text throws(ConfigValueError) in
      config.replica.schema = try nonEmpty(text)
    },
  ]
}
