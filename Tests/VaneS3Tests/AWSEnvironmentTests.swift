import Foundation
import Testing
import VaneData
import VaneS3
import VaneTesting

@Suite final class AWSEnvironmentTests {
  static let location = DataURI("s3://bucket/prefix")
  /// The home directories a test made, removed when it ends.
  private let homes = Locked<[TemporaryDirectory]>([])

  deinit {
    for home in homes.value { home.remove() }
  }

  func home(credentials: String? = nil, config: String? = nil) throws -> String {
    let directory = try TemporaryDirectory("vane-aws")
    homes.withLock { $0.append(directory) }
    let home = directory.path
    try FileManager.default.createDirectory(atPath: home + "/.aws", withIntermediateDirectories: true)
    if let credentials { try credentials.write(toFile: home + "/.aws/credentials", atomically: true, encoding: .utf8) }
    if let config { try config.write(toFile: home + "/.aws/config", atomically: true, encoding: .utf8) }
    return home
  }

  @Test func explicitSettingsWinOverTheEnvironment() throws {
    let environment = AWSEnvironment(
      variables: ["AWS_ACCESS_KEY_ID": "env", "AWS_SECRET_ACCESS_KEY": "env-secret", "AWS_REGION": "eu-west-1"],
      home: try home())
    let settings = try environment.settings(
      .init(endpoint: "http://127.0.0.1:9000", region: "us-west-2", accessKeyID: "cli", secretAccessKey: "cli-secret"),
      for: Self.location)
    #expect(settings.credentials.accessKeyID == "cli")
    #expect(settings.region == "us-west-2")
    #expect(settings.endpoint == "http://127.0.0.1:9000")
  }

  @Test func environmentVariablesComeNext() throws {
    let environment = AWSEnvironment(
      variables: [
        "AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "tok",
        "AWS_DEFAULT_REGION": "ap-south-1", "AWS_ENDPOINT_URL_S3": "http://localhost:9000",
      ], home: try home(credentials: "[default]\naws_access_key_id = AKFILE\naws_secret_access_key = f\n"))
    let settings = try environment.settings(.init(), for: Self.location)
    #expect(settings.credentials.accessKeyID == "AKENV")
    #expect(settings.credentials.sessionToken == "tok")
    #expect(settings.region == "ap-south-1")
    #expect(settings.endpoint == "http://localhost:9000")
    #expect(settings.taskEnvironment["FLYTE_AWS_ENDPOINT"] == "http://localhost:9000")
    #expect(settings.taskEnvironment["FLYTE_AWS_ACCESS_KEY_ID"] == "AKENV")
  }

  @Test func sharedFilesWithAProfile() throws {
    let home = try home(
      credentials: """
        [default]
        aws_access_key_id = AKDEFAULT
        aws_secret_access_key = d
        # a comment
        [dev]
        aws_access_key_id = AKDEV
        aws_secret_access_key = dev-secret
        """,
      config: "[profile dev]\nregion = eu-central-1\nendpoint_url = http://minio:9000\n")
    let environment = AWSEnvironment(variables: ["AWS_PROFILE": "dev"], home: home)
    let settings = try environment.settings(.init(), for: Self.location)
    #expect(settings.credentials.accessKeyID == "AKDEV")
    #expect(settings.credentials.source.contains("[dev]"))
    #expect(settings.region == "eu-central-1")
    #expect(settings.endpoint == "http://minio:9000")
    let defaults = try AWSEnvironment(variables: [:], home: home).settings(.init(), for: Self.location)
    #expect(defaults.credentials.accessKeyID == "AKDEFAULT")
    #expect(defaults.region == "us-east-1")
  }

  @Test func noCredentialsAnywhereIsAClearError() throws {
    let environment = AWSEnvironment(variables: [:], home: try home())
    do {
      _ = try environment.settings(.init(profile: "ci"), for: Self.location)
      Issue.record("settings without credentials were accepted")
    } catch {
      #expect(error.code == .accessDenied)
      #expect(error.message.contains("no S3 credentials found"))
      #expect(error.message.contains("'ci'"))
    }
  }

  @Test func aMalformedEndpointIsRefused() throws {
    let environment = AWSEnvironment(
      variables: ["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"], home: try home())
    #expect(throws: DataError.self) {
      _ = try environment.settings(.init(endpoint: "ftp://host/path?x"), for: Self.location)
    }
  }
}
