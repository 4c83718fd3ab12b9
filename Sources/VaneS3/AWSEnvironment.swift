public import Foundation
public import VaneData

/// Resolves `S3Settings` the way the AWS tools do, so a machine set up for the AWS CLI works
/// unchanged: explicit settings first, then environment variables, then the shared files.
///
/// | setting | explicit | environment | shared files (profile from `--s3-profile`, `AWS_PROFILE`, `default`) |
/// | --- | --- | --- | --- |
/// | credentials | access key + secret | `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (then flytekit's `FLYTE_AWS_ACCESS_KEY_ID`, `FLYTE_AWS_SECRET_ACCESS_KEY`) | `AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials` `[profile]`, then `AWS_CONFIG_FILE` or `~/.aws/config` `[profile profile]` |
/// | region | region | `AWS_REGION`, `AWS_DEFAULT_REGION` | config `region`; else `us-east-1` |
/// | endpoint | endpoint | `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL`, `FLYTE_AWS_ENDPOINT` | config `endpoint_url`; else AWS |
public struct AWSEnvironment: Sendable {
  /// What the user said explicitly (options or the config file); nil fields are looked up.
  public struct Explicit: Sendable {
    public var endpoint: String?
    public var region: String?
    public var pathStyle: Bool?
    public var accessKeyID: String?
    public var secretAccessKey: String?
    public var sessionToken: String?
    public var profile: String?

    public init(
      endpoint: String? = nil, region: String? = nil, pathStyle: Bool? = nil, accessKeyID: String? = nil,
      secretAccessKey: String? = nil, sessionToken: String? = nil, profile: String? = nil
    ) {
      self.endpoint = endpoint
      self.region = region
      self.pathStyle = pathStyle
      self.accessKeyID = accessKeyID
      self.secretAccessKey = secretAccessKey
      self.sessionToken = sessionToken
      self.profile = profile
    }
  }

  /// The process environment to read.
  public var variables: [String: String]
  /// The home directory holding `.aws/`.
  public var home: String

  /// An environment to resolve against (by default this process's).
  public init(
    variables: [String: String] = ProcessInfo.processInfo.environment,
    home: String = FileManager.default.homeDirectoryForCurrentUser.path
  ) {
    self.variables = variables
    self.home = home
  }

  /// The settings for a store at `location` (named in errors); `DataError.Code.accessDenied`
  /// when no credentials are found anywhere, `.invalidURI` for a malformed endpoint.
  public func settings(_ explicit: Explicit, for location: DataURI) throws(DataError) -> S3Settings {
    let profile = explicit.profile ?? value("AWS_PROFILE") ?? "default"
    let config = readFile(value("AWS_CONFIG_FILE") ?? home + "/.aws/config")?.configProfile(profile) ?? [:]
    let credentials = try self.credentials(explicit, profile: profile, config: config, location: location)
    let region =
      explicit.region ?? value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? config["region"] ?? "us-east-1"
    let endpoint =
      explicit.endpoint ?? value("AWS_ENDPOINT_URL_S3") ?? value("AWS_ENDPOINT_URL") ?? value("FLYTE_AWS_ENDPOINT")
      ?? config["endpoint_url"]
    if let endpoint { _ = try S3Endpoint(endpoint, region: region, pathStyle: explicit.pathStyle, location: location) }
    return S3Settings(endpoint: endpoint, region: region, pathStyle: explicit.pathStyle, credentials: credentials)
  }

  private func credentials(
    _ explicit: Explicit, profile: String, config: [String: String], location: DataURI
  ) throws(DataError) -> S3Credentials {
    if let key = explicit.accessKeyID, let secret = explicit.secretAccessKey {
      return S3Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: explicit.sessionToken)
    }
    if let key = value("AWS_ACCESS_KEY_ID"), let secret = value("AWS_SECRET_ACCESS_KEY") {
      return S3Credentials(
        accessKeyID: key, secretAccessKey: secret, sessionToken: value("AWS_SESSION_TOKEN"),
        source: "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY")
    }
    if let key = value("FLYTE_AWS_ACCESS_KEY_ID"), let secret = value("FLYTE_AWS_SECRET_ACCESS_KEY") {
      return S3Credentials(
        accessKeyID: key, secretAccessKey: secret, source: "FLYTE_AWS_ACCESS_KEY_ID/FLYTE_AWS_SECRET_ACCESS_KEY")
    }
    let credentialsPath = value("AWS_SHARED_CREDENTIALS_FILE") ?? home + "/.aws/credentials"
    for (section, source) in [
      (readFile(credentialsPath)?.credentialsProfile(profile), "\(credentialsPath) [\(profile)]"),
      (config, "AWS config [profile \(profile)]"),
    ] {
      if let section, let key = section["aws_access_key_id"], let secret = section["aws_secret_access_key"] {
        return S3Credentials(
          accessKeyID: key, secretAccessKey: secret, sessionToken: section["aws_session_token"], source: source)
      }
    }
    throw DataError(
      .accessDenied,
      "no S3 credentials found: give --s3-access-key-id/--s3-secret-access-key, set AWS_ACCESS_KEY_ID and "
        + "AWS_SECRET_ACCESS_KEY, or add profile '\(profile)' to \(credentialsPath)",
      uri: location)
  }

  private func value(_ name: String) -> String? {
    guard let value = variables[name], !value.isEmpty else { return nil }
    return value
  }

  private func readFile(_ path: String) -> SharedConfigFile? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return SharedConfigFile(text: String(decoding: data, as: UTF8.self))
  }
}
