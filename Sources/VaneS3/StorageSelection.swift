import Foundation
public import VaneData

/// The object storage executions keep their data in and how to reach it: what `vane run
/// --storage` and the `storage` section of `vane serve`'s configuration select. Saved (without
/// secrets) as `<data dir>/storage.json` by the command that chose it, so `vane resume`,
/// `recover`, `relaunch`, `signal` and `vane serve` on that directory use the same bucket
/// without repeating the settings.
///
/// Where things go, each a `s3://` prefix (defaults under `uri`):
///
/// | what | default |
/// | --- | --- |
/// | execution metadata (inputs, outputs, errors, dynamic subgraphs) | `<uri>/metadata` |
/// | raw outputs (files, directories, dataframes) | `<uri>/raw` |
/// | uploads: fast-registration code bundles, the data proxy's upload locations | `<uri>/uploads` |
public struct StorageSelection: Codable, Hashable, Sendable {
  /// `s3://bucket/prefix`: the root the prefixes default under.
  public var uri: String
  /// Execution metadata, if not `<uri>/metadata`.
  public var metadataPrefix: String?
  /// Raw outputs, if not `<uri>/raw`.
  public var rawOutputPrefix: String?
  /// Uploads (code bundles, data proxy uploads), if not `<uri>/uploads`.
  public var uploadPrefix: String?
  /// The service's base URL; nil: the AWS chain's (`AWS_ENDPOINT_URL_S3`, …), else AWS.
  public var endpoint: String?
  /// The region requests are signed for; nil: the AWS chain's, else `us-east-1`.
  public var region: String?
  /// The AWS profile for credentials and region; nil: `AWS_PROFILE`, else `default`.
  public var profile: String?
  /// Path-style or virtual-hosted addressing; nil: path style for a custom endpoint.
  public var addressing: Addressing?
  /// An explicit key pair (never saved); nil: the AWS chain's.
  public var accessKeyID: String?
  /// The secret of `accessKeyID` (never saved).
  public var secretAccessKey: String?
  /// Retries, timeouts and the in-memory cache; nil fields keep `S3Settings`' defaults.
  public var tuning = StorageTuning()

  /// How object URLs name the bucket.
  public enum Addressing: String, Codable, Hashable, Sendable, CaseIterable {
    /// `endpoint/bucket/key`.
    case path
    /// `bucket.endpoint/key`.
    case virtual
  }

  enum CodingKeys: String, CodingKey {
    case uri, metadataPrefix, rawOutputPrefix, uploadPrefix, endpoint, region, profile, addressing, tuning
  }

  /// A selection of `uri` with everything else from the defaults and the AWS chain.
  public init(uri: String) {
    self.uri = uri.hasSuffix("/") ? String(uri.dropLast()) : uri
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    uri = try container.decode(String.self, forKey: .uri)
    metadataPrefix = try container.decodeIfPresent(String.self, forKey: .metadataPrefix)
    rawOutputPrefix = try container.decodeIfPresent(String.self, forKey: .rawOutputPrefix)
    uploadPrefix = try container.decodeIfPresent(String.self, forKey: .uploadPrefix)
    endpoint = try container.decodeIfPresent(String.self, forKey: .endpoint)
    region = try container.decodeIfPresent(String.self, forKey: .region)
    profile = try container.decodeIfPresent(String.self, forKey: .profile)
    addressing = try container.decodeIfPresent(Addressing.self, forKey: .addressing)
    tuning = try container.decodeIfPresent(StorageTuning.self, forKey: .tuning) ?? StorageTuning()
  }

  /// Where execution metadata goes.
  public var metadataRoot: DataURI { Self.prefix(metadataPrefix) ?? DataURI(uri).appending("metadata") }
  /// Where raw outputs go.
  public var rawOutputRoot: DataURI { Self.prefix(rawOutputPrefix) ?? DataURI(uri).appending("raw") }
  /// Where uploads go.
  public var uploadRoot: DataURI { Self.prefix(uploadPrefix) ?? DataURI(uri).appending("uploads") }

  /// Flyte's data layout over the metadata and raw output prefixes.
  public var layout: DataLayout { DataLayout(metadataRoot: metadataRoot, rawOutputRoot: rawOutputRoot) }

  /// Every prefix is a valid `s3://bucket/key` and the key pair is given whole (or not at all);
  /// the error names the setting (`uri`, `metadata_prefix`, …).
  public func check() throws(DataError) {
    for (name, text) in [
      ("uri", uri), ("metadata_prefix", metadataPrefix), ("raw_output_prefix", rawOutputPrefix),
      ("upload_prefix", uploadPrefix),
    ] {
      guard let text else { continue }
      do throws(DataError) {
        _ = try S3Location(DataURI(text))
      } catch {
        throw DataError(error.code, "\(name): \(error.message)", uri: DataURI(text))
      }
    }
    if (accessKeyID == nil) != (secretAccessKey == nil) {
      throw DataError(
        .accessDenied, "the access key id and the secret access key go together; give both or neither",
        uri: DataURI(uri))
    }
  }

  /// The settings requests are made with: these, then the AWS chain of `environment`, then the
  /// tuning over `S3Settings`' defaults.
  public func settings(environment: AWSEnvironment = AWSEnvironment()) throws(DataError) -> S3Settings {
    try check()
    let explicit = AWSEnvironment.Explicit(
      endpoint: endpoint, region: region, pathStyle: addressing.map { $0 == .path }, accessKeyID: accessKeyID,
      secretAccessKey: secretAccessKey, profile: profile)
    var settings = try environment.settings(explicit, for: try S3Location(DataURI(uri)).uri)
    tuning.apply(to: &settings)
    return settings
  }

  /// The store for this selection.
  public func openStore(environment: AWSEnvironment = AWSEnvironment()) throws(DataError) -> S3DataStore {
    S3DataStore(client: try S3Client(settings: try settings(environment: environment)))
  }

  /// `<directory>/storage.json`.
  public static func fileName(in directory: String) -> String { directory + "/storage.json" }

  /// The selection saved in `directory`, if any.
  public static func saved(in directory: String) throws(DataError) -> StorageSelection? {
    let path = fileName(in: directory)
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    do {
      return try JSONDecoder().decode(StorageSelection.self, from: data)
    } catch {
      throw DataError(.corrupt, "not a storage selection: \(error)", uri: DataURI(filePath: path))
    }
  }

  /// Saves this selection (no credentials) in `directory`.
  public func save(in directory: String) throws(DataError) {
    let path = Self.fileName(in: directory)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
      try encoder.encode(self).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw DataError(.ioFailed, "cannot save the storage selection: \(error)", uri: DataURI(filePath: path))
    }
  }

  private static func prefix(_ text: String?) -> DataURI? {
    guard let text, !text.isEmpty else { return nil }
    return DataURI(text.hasSuffix("/") ? String(text.dropLast()) : text)
  }
}
