public import FlyteIDL
public import Foundation
import SwiftProtobuf
public import VaneAdmin
public import VaneAdminStore
public import VaneData
public import VaneS3

/// The data proxy on object storage: presigned URLs of the bucket, so `pyflyte register` and
/// FlyteRemote move bytes straight to and from S3 and never through Vane. `native_url` is the
/// `s3://` URI that the engine and the task processes read.
///
/// Uploads land at `<upload root>/<project>/<domain>/<filename_root or md5 hex>/<filename>`,
/// as `LocalDataProxy` lays them out in the data directory. As in Flyte's data proxy:
/// - `content_md5` is signed into the URL: the upload must send it as `Content-MD5` and S3
///   refuses bytes that do not match; with `add_content_md5_metadata` the object also carries
///   it as `x-amz-meta-flytecontentmd5` (both are in the response's `headers`);
/// - a file under a fixed name (`filename_root` and `filename` given) is not replaced unless the
///   request's `content_md5` is the stored one (`ALREADY_EXISTS` otherwise);
/// - at least one of `content_md5` and `filename_root` is required; a missing `filename` gets
///   a random one.
///
/// Downloads are signed only for objects under `readableRoots` (the metadata, raw output and
/// upload prefixes), so a client cannot read whatever else the server's credentials reach. An
/// upload belongs to the project its key names, execution data to its execution's project
/// (`owners`); anything else (task outputs) to no one project. `DataProxyService` authorizes
/// the caller on those projects before a URL is signed.
public struct BucketDataProxy: DataProxyBackend {
  public let client: S3Client
  /// Where uploads go.
  public let uploadRoot: DataURI
  /// The prefixes downloads may be signed for.
  public let readableRoots: [DataURI]
  /// Which executions an object under the metadata prefix belongs to; nil: none is known.
  public let owners: DataOwnership?

  /// The metadata name Flyte stores the upload's MD5 under.
  static let md5MetadataName = "flytecontentmd5"

  public init(client: S3Client, uploadRoot: DataURI, readableRoots: [DataURI], owners: DataOwnership? = nil) {
    self.client = client
    self.uploadRoot = uploadRoot
    self.readableRoots = readableRoots
    self.owners = owners
  }

  public func uploadLocation(
    _ request: Flyteidl_Service_CreateUploadLocationRequest, caller: TransferCaller
  ) async throws(AdminError) -> Flyteidl_Service_CreateUploadLocationResponse {
    guard !request.project.isEmpty, !request.domain.isEmpty else {
      throw AdminError(.invalidArgument, "project and domain are required", at: "upload location")
    }
    guard !request.contentMd5.isEmpty || !request.filenameRoot.isEmpty else {
      throw AdminError(.invalidArgument, "give content_md5 or filename_root", at: "upload location")
    }
    guard request.contentMd5.isEmpty || request.contentMd5.count == 16 else {
      throw AdminError(
        .invalidArgument, "content_md5 must be the 16 bytes of an MD5 digest, not \(request.contentMd5.count)",
        at: "content_md5")
    }
    let md5 = request.contentMd5.isEmpty ? nil : request.contentMd5.base64EncodedString()
    let root =
      request.filenameRoot.isEmpty
      ? request.contentMd5.map { String(format: "%02x", $0) }.joined() : request.filenameRoot
    let filename = request.filename.isEmpty ? Self.randomName() : request.filename
    let parts = [request.project, request.domain, root, filename]
    for part in parts { try DataProxyService.checkPathPart(part) }
    let location: S3Location
    do throws(DataError) {
      location = try S3Location(uploadRoot.appending(parts[0], parts[1], parts[2], parts[3]))
    } catch {
      throw AdminError(.invalidArgument, error.message, at: "upload location")
    }
    if !request.filenameRoot.isEmpty && !request.filename.isEmpty {
      try await checkReplaceable(location, md5: md5)
    }
    var metadata: [String: String] = [:]
    if let md5, request.addContentMd5Metadata { metadata[Self.md5MetadataName] = md5 }
    let lifetime = DataProxyService.lifetime(request.hasExpiresIn ? request.expiresIn : nil)
    let signed = client.presignedPut(location, expires: .seconds(lifetime), contentMD5: md5, metadata: metadata)
    var response = Flyteidl_Service_CreateUploadLocationResponse()
    response.signedURL = signed.url
    response.nativeURL = location.uri.rawValue
    response.expiresAt = Google_Protobuf_Timestamp(date: signed.expiresAt)
    if let md5 { response.headers["Content-MD5"] = md5 }
    for (name, value) in metadata { response.headers["x-amz-meta-\(name)"] = value }
    return response
  }

  public func downloadable(_ nativeURL: String) async throws(AdminError) -> StoredObject {
    let location: S3Location
    do throws(DataError) {
      location = try S3Location(DataURI(nativeURL))
    } catch {
      throw AdminError(.invalidArgument, error.message, at: "native_url \(nativeURL)")
    }
    guard readableRoots.contains(where: { Self.location(location, isUnder: $0) }) else {
      let roots = readableRoots.map(\.rawValue).joined(separator: ", ")
      throw AdminError(
        .invalidArgument, "only objects under this server's storage prefixes (\(roots)) can be downloaded",
        at: "native_url \(nativeURL)")
    }
    guard try await objectInfo(location) != nil else {
      throw AdminError(.notFound, "no such object", at: "native_url \(nativeURL)")
    }
    return StoredObject(location: location.uri.rawValue, projects: try await projects(of: location))
  }

  public func downloadLocation(
    of object: StoredObject, lifetime: TimeInterval, caller: TransferCaller
  ) async throws(AdminError) -> Flyteidl_Service_CreateDownloadLocationResponse {
    let location: S3Location
    do throws(DataError) {
      location = try S3Location(DataURI(object.location))
    } catch {
      throw AdminError(.invalidArgument, error.message, at: "native_url \(object.location)")
    }
    let signed = client.presignedGet(location, expires: .seconds(lifetime))
    var response = Flyteidl_Service_CreateDownloadLocationResponse()
    response.signedURL = signed.url
    response.expiresAt = Google_Protobuf_Timestamp(date: signed.expiresAt)
    return response
  }

  /// The projects an object belongs to: an upload's is the first key component under the
  /// upload prefix; execution data's are its executions' (through `owners`); nil for the rest.
  func projects(of location: S3Location) async throws(AdminError) -> Set<String>? {
    if Self.location(location, isUnder: uploadRoot), let base = try? S3Location(uploadRoot) {
      let rest = base.key.isEmpty ? location.key : String(location.key.dropFirst(base.directoryPrefix.count))
      let parts = rest.split(separator: "/")
      if parts.count >= 3 { return [String(parts[0])] }
    }
    if let owners {
      let executions = try await owners.executions(containing: location.uri.rawValue)
      if !executions.isEmpty { return Set(executions.map(\.project)) }
    }
    return nil
  }

  /// A fixed-name upload may replace what is stored only with the stored object's MD5: the
  /// one in its metadata, else its entity tag (the MD5 of a single-part upload).
  private func checkReplaceable(_ location: S3Location, md5: String?) async throws(AdminError) {
    guard let stored = try await objectInfo(location) else { return }
    let refusal = AdminError(
      .alreadyExists, "a file is stored here; give its content_md5 to upload the same bytes again",
      at: "upload location \(location)")
    guard let md5, let digest = Data(base64Encoded: md5) else { throw refusal }
    if let recorded = stored.metadata[Self.md5MetadataName] {
      guard recorded == md5 else { throw refusal }
      return
    }
    let hex = digest.map { String(format: "%02x", $0) }.joined()
    guard stored.etag.lowercased() == hex else { throw refusal }
  }

  private func objectInfo(_ location: S3Location) async throws(AdminError) -> S3ObjectInfo? {
    do throws(DataError) {
      return try await client.headObject(at: location)
    } catch {
      throw AdminError(.internalError, "the object store did not answer: \(error.message)", at: "\(location)")
    }
  }

  /// Whether `location` is `root` or below it (a whole path component, so `a/b` is not under `a/bc`).
  static func location(_ location: S3Location, isUnder root: DataURI) -> Bool {
    guard let base = try? S3Location(root), base.bucket == location.bucket else { return false }
    return base.key.isEmpty || location.key == base.key || location.key.hasPrefix(base.directoryPrefix)
  }

  /// 20 random lowercase letters and digits, as Flyte names an upload given no file name.
  static func randomName() -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
    return String((0..<20).map { _ in alphabet.randomElement()! })
  }
}
