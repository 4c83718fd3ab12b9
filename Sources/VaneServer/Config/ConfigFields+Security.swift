import Foundation

extension ConfigFields {
  /// The `server` keys that decide who can reach the server and how: advertised name, TLS, exposure.
  static let serverSecurityFields: [ConfigField] = [
    ConfigField(key: "server.advertised_host") { config, text throws(ConfigValueError) in
      config.server.advertisedHost = try nonEmpty(text)
    },
    ConfigField(key: "server.tls_certificate") { config, text throws(ConfigValueError) in
      config.server.tlsCertificate = try nonEmpty(text)
    },
    ConfigField(key: "server.tls_key") { config, text throws(ConfigValueError) in
      config.server.tlsKey = try nonEmpty(text)
    },
    ConfigField(key: "server.tls_ca") { config, text throws(ConfigValueError) in
      config.server.tlsCA = try nonEmpty(text)
    },
    ConfigField(key: "server.allow_unauthenticated_remote") { config, text throws(ConfigValueError) in
      config.server.allowUnauthenticatedRemote = try switchValue(text)
    },
  ]

  /// The `auth` section's keys.
  static let authFields: [ConfigField] = [
    ConfigField(key: "auth.enabled") { config, text throws(ConfigValueError) in
      config.auth.enabled = try switchValue(text)
    },
    ConfigField(key: "auth.token_lifetime") { config, text throws(ConfigValueError) in
      config.auth.tokenLifetime = try duration(text)
    },
    ConfigField(key: "auth.audience") { config, text throws(ConfigValueError) in
      config.auth.audience = try nonEmpty(text)
    },
    ConfigField(key: "auth.oidc_issuer") { config, text throws(ConfigValueError) in
      config.auth.oidcIssuer = try nonEmpty(text)
    },
    ConfigField(key: "auth.oidc_jwks_url") { config, text throws(ConfigValueError) in
      config.auth.oidcJWKSURL = try nonEmpty(text)
    },
    ConfigField(key: "auth.oidc_audience") { config, text throws(ConfigValueError) in
      config.auth.oidcAudience = try nonEmpty(text)
    },
    ConfigField(key: "auth.clients_file") { config, text throws(ConfigValueError) in
      config.auth.clientsFile = try nonEmpty(text)
    },
    ConfigField(key: "auth.audit_max_bytes") { config, text throws(ConfigValueError) in
      config.auth.auditMaxBytes = Int(try ConfigQuantity.memory(text))
    },
    ConfigField(key: "auth.audit_files") { config, text throws(ConfigValueError) in
      config.auth.auditFiles = try positive(text)
    },
  ]

  /// The `limits` section's keys.
  static let limitsFields: [ConfigField] = [
    ConfigField(key: "limits.streams_per_connection") { config, text throws(ConfigValueError) in
      config.limits.streamsPerConnection = try positive(text)
    },
    ConfigField(key: "limits.request_bytes") { config, text throws(ConfigValueError) in
      config.limits.requestBytes = Int(try ConfigQuantity.memory(text))
    },
    ConfigField(key: "limits.registration_bytes") { config, text throws(ConfigValueError) in
      config.limits.registrationBytes = Int(try ConfigQuantity.memory(text))
    },
    ConfigField(key: "limits.execution_bytes") { config, text throws(ConfigValueError) in
      config.limits.executionBytes = Int(try ConfigQuantity.memory(text))
    },
    ConfigField(key: "limits.response_bytes") { config, text throws(ConfigValueError) in
      config.limits.responseBytes = Int(try ConfigQuantity.memory(text))
    },
    ConfigField(key: "limits.upload_bytes") { config, text throws(ConfigValueError) in
      config.limits.uploadBytes = Int64(try ConfigQuantity.memory(text))
    },
  ]
}
