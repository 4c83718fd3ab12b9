import AsyncHTTPClient
import Crypto
import FlyteIDL
import Foundation
import NIOCore
import NIOHTTP1
import SwiftProtobuf
import Testing
import VaneAdminStore
import VaneData
import VaneS3
import VaneServer
import VaneTesting

/// The data proxy on object storage, against a real S3 server (moto): upload locations are
/// presigned PUTs under the upload prefix that a client without credentials can use with the
/// headers it is given; download locations are presigned GETs of objects under the server's
/// prefixes only; fixed names are not overwritten with other bytes.
@Suite struct BucketDataProxyTests {
  static func proxy() async throws -> (BucketDataProxy, S3Client, DataURI) {
    let (client, bucket) = try await S3TestServer.bucket()
    let root = bucket.appending("vane")
    let proxy = BucketDataProxy(
      client: client, uploadRoot: root.appending("uploads"),
      readableRoots: [root.appending("metadata"), root.appending("uploads")])
    return (proxy, client, root)
  }

  static func md5(_ data: Data) -> Data { Data(Insecure.MD5.hash(data: data)) }

  static func upload(
    _ body: Data, project: String = "flytesnacks", root: String = "", filename: String = "fast.tar.gz",
    md5: Bool = true, metadata: Bool = true, expires: Int64? = nil
  ) -> Flyteidl_Service_CreateUploadLocationRequest {
    var request = Flyteidl_Service_CreateUploadLocationRequest()
    request.project = project
    request.domain = "development"
    request.filename = filename
    request.filenameRoot = root
    if md5 { request.contentMd5 = Self.md5(body) }
    request.addContentMd5Metadata = metadata
    if let expires { request.expiresIn = Google_Protobuf_Duration(seconds: expires) }
    return request
  }

  /// PUTs `body` to a signed URL with the response's headers, as flytekit does.
  static func put(_ body: Data, to location: Flyteidl_Service_CreateUploadLocationResponse) async throws -> UInt {
    var request = HTTPClientRequest(url: location.signedURL)
    request.method = .PUT
    for (name, value) in location.headers { request.headers.add(name: name, value: value) }
    request.body = .bytes(ByteBuffer(bytes: body))
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    _ = try await response.body.collect(upTo: 1 << 20)
    return response.status.code
  }

  @Test func anUploadLocationIsAPresignedPutUnderTheUploadPrefix() async throws {
    let (proxy, client, root) = try await Self.proxy()
    let body = Data("a code bundle".utf8)
    let location = try await proxy.uploadLocation(Self.upload(body, expires: 600))
    let hex = Self.md5(body).map { String(format: "%02x", $0) }.joined()
    #expect(location.nativeURL == root.appending("uploads", "flytesnacks", "development", hex, "fast.tar.gz").rawValue)
    #expect(location.signedURL.contains("X-Amz-SignedHeaders=content-md5%3Bhost%3Bx-amz-meta-flytecontentmd5"))
    #expect(location.signedURL.contains("X-Amz-Expires=600"))
    let md5 = Self.md5(body).base64EncodedString()
    #expect(location.headers == ["Content-MD5": md5, "x-amz-meta-flytecontentmd5": md5])
    #expect(try await Self.put(body, to: location) == 200)
    let stored = try S3Location(DataURI(location.nativeURL))
    #expect(try await client.getObject(at: stored) == body)
    #expect(try await client.headObject(at: stored)?.metadata["flytecontentmd5"] == md5)
  }

  @Test func aFixedNameIsReplacedOnlyWithTheSameBytes() async throws {
    let (proxy, _, _) = try await Self.proxy()
    let body = Data("version one".utf8)
    let first = try await proxy.uploadLocation(Self.upload(body, root: "bundle", filename: "code.tgz"))
    #expect(try await Self.put(body, to: first) == 200)
    // The same bytes again: allowed (a retried registration).
    _ = try await proxy.uploadLocation(Self.upload(body, root: "bundle", filename: "code.tgz"))
    let other = Data("version two".utf8)
    let refused = await #expect(throws: AdminError.self) {
      _ = try await proxy.uploadLocation(Self.upload(other, root: "bundle", filename: "code.tgz"))
    }
    #expect(refused?.code == .alreadyExists)
    let withoutDigest = await #expect(throws: AdminError.self) {
      _ = try await proxy.uploadLocation(Self.upload(other, root: "bundle", filename: "code.tgz", md5: false))
    }
    #expect(withoutDigest?.code == .alreadyExists)
  }

  @Test func downloadsAreSignedOnlyForStoredObjectsUnderTheServersPrefixes() async throws {
    let (proxy, client, root) = try await Self.proxy()
    let outputs = root.appending("metadata", "flytesnacks-development-x", "n0", "data", "0", "outputs.pb")
    try await client.putObject(Data("outputs".utf8), at: try S3Location(outputs))
    var request = Flyteidl_Service_CreateDownloadLocationRequest()
    request.nativeURL = outputs.rawValue
    request.expiresIn = Google_Protobuf_Duration(seconds: 30 * 24 * 3600)
    let location = try await proxy.downloadLocation(request)
    #expect(location.signedURL.contains("X-Amz-Expires=604800"), "capped at SigV4's 7 days")
    let response = try await HTTPClient.shared.execute(
      HTTPClientRequest(url: location.signedURL), timeout: .seconds(30))
    #expect(response.status.code == 200)
    #expect(Data(try await response.body.collect(upTo: 1 << 20).readableBytesView) == Data("outputs".utf8))

    for (url, code) in [
      (root.appending("metadata", "missing.pb").rawValue, AdminError.Code.notFound),
      (root.appending("secrets", "key.pem").rawValue, .invalidArgument),
      (root.appending("metadataX", "a.pb").rawValue, .invalidArgument),
      ("file:///etc/passwd", .invalidArgument),
    ] {
      request.nativeURL = url
      let error = await #expect(throws: AdminError.self) { _ = try await proxy.downloadLocation(request) }
      #expect(error?.code == code, "\(url)")
    }
  }

  @Test func badUploadRequestsAreRefused() async throws {
    let (proxy, _, _) = try await Self.proxy()
    var noProject = Self.upload(Data("x".utf8))
    noProject.project = ""
    var shortDigest = Self.upload(Data("x".utf8))
    shortDigest.contentMd5 = Data([1, 2, 3])
    for request in [
      noProject, shortDigest, Self.upload(Data("x".utf8), md5: false),
      Self.upload(Data("x".utf8), filename: "../escape"), Self.upload(Data("x".utf8), root: ".."),
    ] {
      let error = await #expect(throws: AdminError.self) { _ = try await proxy.uploadLocation(request) }
      #expect(error?.code == .invalidArgument, "\(request)")
    }
    // No file name: a random one under the digest, as Flyte's data proxy does.
    let unnamed = try await proxy.uploadLocation(Self.upload(Data("x".utf8), filename: ""))
    #expect(unnamed.nativeURL.split(separator: "/").last?.count == 20)
  }
}

/// The backend's answers as `DataProxyService` asks for them, with authentication off.
extension BucketDataProxy {
  fileprivate func uploadLocation(
    _ request: Flyteidl_Service_CreateUploadLocationRequest
  ) async throws(AdminError) -> Flyteidl_Service_CreateUploadLocationResponse {
    try await uploadLocation(request, caller: TransferCaller(principal: nil, project: request.project))
  }

  fileprivate func downloadLocation(
    _ request: Flyteidl_Service_CreateDownloadLocationRequest
  ) async throws(AdminError) -> Flyteidl_Service_CreateDownloadLocationResponse {
    let object = try await downloadable(request.nativeURL)
    return try await downloadLocation(
      of: object,
      lifetime: request.hasExpiresIn ? TimeInterval(request.expiresIn.seconds) : DataProxyService.defaultLifetime,
      caller: TransferCaller(principal: nil, project: nil))
  }
}
