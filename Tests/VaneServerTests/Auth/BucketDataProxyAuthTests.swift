import FlyteIDL
import FlyteIDLGRPC
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Testing
import VaneAdmin
import VaneData
import VaneS3
import VaneTesting

@testable import VaneServer

/// The data proxy on object storage with authentication on, over real gRPC and a real S3
/// server (moto): URLs are presigned by the bucket, but only after the caller's role in the
/// project is checked, and refusals are audited as on the local data proxy.
@Suite struct BucketDataProxyAuthTests {
  @Test func bucketURLsAreSignedOnlyForTheCallersProjects() async throws {
    let (client, bucket) = try await S3TestServer.bucket()
    let root = bucket.appending("vane")
    let uploads = root.appending("uploads")
    let proxy = BucketDataProxy(
      client: client, uploadRoot: uploads, readableRoots: [root.appending("metadata"), uploads])
    for project in ["a", "b"] {
      try await client.putObject(
        Data("bundle of \(project)".utf8), at: try S3Location(uploads.appending(project, "development", "r", "f.tgz")))
    }
    try await AuthServerTests.run(dataProxy: proxy) { harness in
      var clients = harness.clients
      let secret = try clients.create(id: "writer-a", roles: ["a": .write])
      let token = try await harness.tokens.issue(clientID: "writer-a", secret: secret).token
      let metadata = AuthServerTests.metadata(token)
      try await withGRPCClient(
        transport: .http2NIOPosix(
          target: .ipv4(address: "127.0.0.1", port: harness.ports.grpc), transportSecurity: .plaintext)
      ) { grpc in
        let data = Flyteidl_Service_DataProxyService.Client(wrapping: grpc)
        var upload = Flyteidl_Service_CreateUploadLocationRequest()
        upload.domain = "development"
        upload.filenameRoot = "r"
        upload.filename = "new.tgz"
        upload.project = "b"
        let (otherUpload, message) = await AdminHarness.code {
          _ = try await data.createUploadLocation(upload, metadata: metadata)
        }
        #expect(otherUpload == .permissionDenied)
        #expect(message.contains("project 'b'"))
        upload.project = "a"
        let own = try await data.createUploadLocation(upload, metadata: metadata)
        #expect(own.nativeURL == uploads.appending("a", "development", "r", "new.tgz").rawValue)
        #expect(own.signedURL.contains("X-Amz-Signature="))

        var download = Flyteidl_Service_CreateDownloadLocationRequest()
        download.nativeURL = uploads.appending("b", "development", "r", "f.tgz").rawValue
        let (otherDownload, _) = await AdminHarness.code {
          _ = try await data.createDownloadLocation(download, metadata: metadata)
        }
        #expect(otherDownload == .permissionDenied)
        download.nativeURL = uploads.appending("a", "development", "r", "f.tgz").rawValue
        let signed = try await data.createDownloadLocation(download, metadata: metadata)
        #expect(signed.signedURL.contains("X-Amz-Signature="))
        let (noToken, _) = await AdminHarness.code { _ = try await data.createDownloadLocation(download) }
        #expect(noToken == .unauthenticated)
      }
      // Refused at the interceptor (the upload names its project) or by the data proxy (the
      // object's project is found from its key): both are in the audit log.
      let log = try String(contentsOfFile: AuditLog.path(dataDirectory: harness.directory), encoding: .utf8)
      let refusals = log.split(separator: "\n").filter {
        $0.contains(#""subject":"writer-a""#) && !$0.contains(#""outcome":"ok""#) && $0.contains("project 'b'")
      }
      #expect(refusals.contains { $0.contains(#""action":"CreateUploadLocation""#) })
      #expect(refusals.contains { $0.contains(#""action":"CreateDownloadLocation""#) })
    }
  }
}
