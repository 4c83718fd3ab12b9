import ArgumentParser
import Foundation
import VaneS3
import VaneServer

/// Where execution data goes: the local data directory (default) or object storage with
/// `--storage s3://bucket/prefix`, plus how to reach it. Credentials come from the standard
/// AWS chain (environment, `~/.aws/credentials` profile) unless given here.
struct StorageOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Keep execution metadata and raw outputs here: s3://BUCKET/PREFIX (default: the data directory, or what the data directory was set up with).",
      valueName: "uri"))
  var storage: String?

  @Option(
    help: "The S3 endpoint, e.g. http://127.0.0.1:9000 (default: $AWS_ENDPOINT_URL_S3, the AWS profile's, or AWS).")
  var s3Endpoint: String?

  @Option(help: "The S3 region (default: $AWS_REGION, the AWS profile's, or us-east-1).")
  var s3Region: String?

  @Option(help: "The AWS profile for credentials and region (default: $AWS_PROFILE or default).")
  var s3Profile: String?

  @Option(
    help:
      "S3 addressing: path (endpoint/bucket/key) or virtual (bucket.endpoint/key); default path for a custom endpoint.")
  var s3Addressing: Addressing?

  /// `--s3-addressing`: `StorageSelection.Addressing` as an option value.
  enum Addressing: String, ExpressibleByArgument {
    case path
    case virtual

    var selection: StorageSelection.Addressing { self == .path ? .path : .virtual }
  }

  @Option(help: "The S3 access key id (prefer $AWS_ACCESS_KEY_ID or a profile: options show in ps).")
  var s3AccessKeyId: String?

  @Option(help: "The S3 secret access key (prefer $AWS_SECRET_ACCESS_KEY or a profile).")
  var s3SecretAccessKey: String?

  /// What was given, over `base` (the configuration's, for `vane serve`): each option replaces
  /// the field it names. Nil when nothing about storage was given anywhere.
  func selection(over base: StorageSelection? = nil) throws -> StorageSelection? {
    let given = [s3Endpoint, s3Region, s3Profile, s3AccessKeyId, s3SecretAccessKey].contains { $0 != nil }
    guard storage != nil || base != nil else {
      if given || s3Addressing != nil {
        throw CLIFailure.badInput("the --s3-* options need --storage s3://BUCKET/PREFIX")
      }
      return nil
    }
    if let storage, !storage.lowercased().hasPrefix("s3://") {
      throw CLIFailure.badInput(
        "--storage \(storage): give s3://BUCKET/PREFIX (local data goes in --data-dir, the default)")
    }
    if (s3AccessKeyId == nil) != (s3SecretAccessKey == nil) {
      throw CLIFailure.badInput("--s3-access-key-id and --s3-secret-access-key go together")
    }
    var selection = base ?? StorageSelection(uri: "")
    if let storage { selection.uri = StorageSelection(uri: storage).uri }
    if let s3Endpoint { selection.endpoint = s3Endpoint }
    if let s3Region { selection.region = s3Region }
    if let s3Profile { selection.profile = s3Profile }
    if let s3Addressing { selection.addressing = s3Addressing.selection }
    if let s3AccessKeyId, let s3SecretAccessKey {
      selection.accessKeyID = s3AccessKeyId
      selection.secretAccessKey = s3SecretAccessKey
    }
    return selection
  }
}

extension StorageOptions {
  /// What `vane run` uses: the `VANE_STORAGE_…` variables (read as `vane serve` reads them),
  /// then these options; nil when neither says anything.
  func selectionWithEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> StorageSelection? {
    var config = Config()
    do throws(ConfigError) {
      try ConfigReader.applyStorageEnvironment(environment, to: &config)
    } catch {
      throw CLIFailure.badInput(error.description)
    }
    config.storage = try selection(over: config.storage)
    do throws(ConfigError) {
      try config.checkStorage()
    } catch {
      throw CLIFailure.badInput(error.description)
    }
    return config.storage
  }
}
