import Foundation
import Testing
import VaneData
import VaneS3

/// What a storage selection resolves to: its own settings over the AWS chain, its tuning over
/// the client's defaults, and refusals that name the setting at fault.
@Suite struct StorageSelectionTests {
  static func environment(_ variables: [String: String]) -> AWSEnvironment {
    AWSEnvironment(
      variables: variables, home: FileManager.default.temporaryDirectory.appendingPathComponent("no-home").path)
  }

  @Test func theSelectionWinsOverTheChainAndTuningOverTheDefaults() throws {
    var selection = StorageSelection(uri: "s3://bkt/vane/")
    selection.endpoint = "http://127.0.0.1:9000"
    selection.addressing = .path
    selection.tuning.retryAttempts = 2
    selection.tuning.requestTimeout = .seconds(5)
    selection.tuning.cacheBytes = 0
    let settings = try selection.settings(
      environment: Self.environment([
        "AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_ENDPOINT_URL": "http://elsewhere:1",
      ]))
    #expect(selection.uri == "s3://bkt/vane")
    #expect(settings.endpoint == "http://127.0.0.1:9000" && settings.pathStyle == true)
    #expect(settings.credentials.accessKeyID == "AKENV")
    #expect(settings.retry.maximumAttempts == 2 && settings.retry.baseDelay == .milliseconds(100))
    #expect(settings.requestTimeout == .seconds(5) && settings.cacheBytes == 0)
    #expect(settings.cacheObjectLimit == S3Settings(credentials: settings.credentials).cacheObjectLimit)
  }

  @Test(
    arguments: [
      ("s3://bkt/p", "s3://Bad_Bucket/m", "metadata_prefix: 'Bad_Bucket' is not a valid bucket name"),
      ("s3://bkt/p", "s3://bkt/a/../m", "metadata_prefix: empty, '.' and '..' path components are not allowed"),
      ("file:///srv/data", nil, "uri: the S3 data store serves only s3://bucket/key URIs"),
    ] as [(String, String?, String)])
  func badPrefixesNameTheSetting(uri: String, metadata: String?, expected: String) {
    var selection = StorageSelection(uri: uri)
    selection.metadataPrefix = metadata
    let error = #expect(throws: DataError.self) { try selection.check() }
    #expect(error?.message.hasPrefix(expected) == true, "\(String(describing: error))")
  }

  @Test func halfAKeyPairIsRefusedRatherThanMixedWithTheChain() {
    var selection = StorageSelection(uri: "s3://bkt/p")
    selection.secretAccessKey = "only-the-secret"
    let error = #expect(throws: DataError.self) {
      _ = try selection.settings(
        environment: Self.environment(["AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "s"]))
    }
    #expect(error?.code == .accessDenied)
  }
}
