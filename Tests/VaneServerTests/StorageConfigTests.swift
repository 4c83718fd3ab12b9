import Foundation
import Testing
import VaneData
import VaneS3
import VaneServer
import VaneTesting

/// The `storage` section of `vane serve`'s configuration: every key, environment variables,
/// and the problems a person can make (a bad bucket, half a key pair, no `storage.uri`).
@Suite struct StorageConfigTests {
  @Test func decodesEveryStorageKey() throws {
    let config = try ConfigReader.decode(
      """
      storage:
        uri: s3://flyte-data/vane/
        metadata_prefix: s3://flyte-meta/m
        raw_output_prefix: s3://flyte-raw/r
        upload_prefix: s3://flyte-uploads/u
        endpoint: http://127.0.0.1:9000
        region: eu-west-1
        profile: ci
        addressing: virtual
        access_key_id: AKIDEXAMPLE
        secret_access_key: wJalrXUtnFEMI
        retry:
          attempts: 3
          initial_delay: 50ms
          max_delay: 2s
        request_timeout: 30s
        cache:
          size: 64Mi
          object_limit: 1Mi
      """)
    let storage = try #require(config.storage)
    #expect(storage.uri == "s3://flyte-data/vane")
    #expect(storage.metadataRoot == DataURI("s3://flyte-meta/m"))
    #expect(storage.rawOutputRoot == DataURI("s3://flyte-raw/r"))
    #expect(storage.uploadRoot == DataURI("s3://flyte-uploads/u"))
    #expect(storage.endpoint == "http://127.0.0.1:9000")
    #expect(storage.region == "eu-west-1" && storage.profile == "ci" && storage.addressing == .virtual)
    #expect(storage.accessKeyID == "AKIDEXAMPLE" && storage.secretAccessKey == "wJalrXUtnFEMI")
    var settings = S3Settings(credentials: S3Credentials(accessKeyID: "k", secretAccessKey: "s"))
    storage.tuning.apply(to: &settings)
    #expect(settings.retry == RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(50), maximumDelay: .seconds(2)))
    #expect(settings.requestTimeout == .seconds(30))
    #expect(settings.cacheBytes == 64 << 20 && settings.cacheObjectLimit == 1 << 20)
    try config.checkStorage()
  }

  @Test func prefixesDefaultUnderTheURI() throws {
    let storage = try #require(try ConfigReader.decode("storage:\n  uri: s3://bkt/root\n").storage)
    #expect(
      storage.layout
        == DataLayout(metadataRoot: DataURI("s3://bkt/root/metadata"), rawOutputRoot: DataURI("s3://bkt/root/raw")))
    #expect(storage.uploadRoot == DataURI("s3://bkt/root/uploads"))
  }

  @Test func environmentVariablesSetStorage() throws {
    let config = try ConfigReader.load(
      path: nil,
      environment: [
        "VANE_STORAGE_URI": "s3://bkt/p", "VANE_STORAGE_RETRY_ATTEMPTS": "2", "VANE_STORAGE_CACHE_SIZE": "0",
      ])
    #expect(config.storage?.uri == "s3://bkt/p")
    #expect(config.storage?.tuning.retryAttempts == 2)
    #expect(config.storage?.tuning.cacheBytes == 0)
    var storageOnly = Config()
    try ConfigReader.applyStorageEnvironment(
      ["VANE_STORAGE_URI": "s3://bkt/q", "VANE_SERVER_GRPC_PORT": "not a port"], to: &storageOnly)
    #expect(storageOnly.storage?.uri == "s3://bkt/q")
  }

  @Test(arguments: [
    ("storage:\n  uri: /srv/data\n", "vane.yaml:2: storage.uri: '/srv/data' is not an s3://BUCKET/PREFIX URI"),
    ("storage:\n  uri: s3://No_Such\n", "vane.yaml:2: storage.uri: 'No_Such' is not a valid bucket name"),
    ("storage:\n  raw_output_prefix: s3://bkt/a/../b\n", "vane.yaml:2: storage.raw_output_prefix: empty, '.' and '..'"),
    ("storage:\n  endpoint: 127.0.0.1:9000\n", "vane.yaml:2: storage.endpoint: '127.0.0.1:9000' is not an http://"),
    ("storage:\n  addressing: dns\n", "vane.yaml:2: storage.addressing: 'dns' is not an addressing style"),
    ("storage:\n  retry:\n    attempts: 0\n", "vane.yaml:3: storage.retry.attempts: must be at least 1"),
    ("storage:\n  cache:\n    size: lots\n", "vane.yaml:3: storage.cache.size: expected bytes"),
    ("storage:\n  bucket: b\n", "vane.yaml:2: storage.bucket: unknown key; known here: access_key_id, addressing"),
  ])
  func badStorageSettingsNameTheKeyAndLine(yaml: String, expected: String) {
    let error = #expect(throws: ConfigError.self) { _ = try ConfigReader.decode(yaml, file: "vane.yaml") }
    #expect(error?.description.hasPrefix(expected) == true, "\(String(describing: error))")
  }

  @Test func storageKeysNeedTheURIAndWholeKeyPairs() throws {
    let noURI = try ConfigReader.decode("storage:\n  region: eu-west-1\n")
    #expect(throws: ConfigError.self) { try noURI.checkStorage() }
    let half = try ConfigReader.decode("storage:\n  uri: s3://bkt/p\n  access_key_id: AKID\n")
    let error = #expect(throws: ConfigError.self) { try half.checkStorage() }
    #expect(error?.description.contains("the access key id and the secret access key go together") == true)
  }

  @Test func theSavedSelectionKeepsNoSecrets() throws {
    let temporary = try TemporaryDirectory("vane-storage")
    defer { temporary.remove() }
    let directory = temporary.path
    var selection = StorageSelection(uri: "s3://bkt/p")
    selection.accessKeyID = "AKID"
    selection.secretAccessKey = "very-secret"
    selection.tuning.retryAttempts = 4
    selection.uploadPrefix = "s3://bkt/up"
    try selection.save(in: directory)
    let text = try String(contentsOfFile: StorageSelection.fileName(in: directory), encoding: .utf8)
    #expect(!text.contains("very-secret") && !text.contains("AKID"))
    let saved = try #require(try StorageSelection.saved(in: directory))
    #expect(saved.tuning.retryAttempts == 4 && saved.uploadRoot == DataURI("s3://bkt/up"))
    #expect(saved.accessKeyID == nil)
  }
}
