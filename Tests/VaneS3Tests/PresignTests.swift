import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import Testing
import VaneData
import VaneS3
import VaneTesting

/// Presigned URLs: their form, expiry, and that a plain HTTP client (no credentials) can use
/// them against the S3 server.
@Suite struct PresignTests {
  @Test func expiryIsCappedAtSevenDaysAndTheMD5IsSigned() throws {
    let now = Date(timeIntervalSince1970: 1_369_353_600)
    let client = try S3Client(
      settings: S3Settings(
        endpoint: "http://127.0.0.1:9000", credentials: S3Credentials(accessKeyID: "AK", secretAccessKey: "s")),
      now: { now })
    let location = S3Location(bucket: "bkt", key: "uploads/p/d/a b.tgz")
    let get = client.presignedGet(location, expires: .seconds(30 * 24 * 3600))
    #expect(get.expiresAt == now.addingTimeInterval(604_800))
    #expect(get.url.hasPrefix("http://127.0.0.1:9000/bkt/uploads/p/d/a%20b.tgz?"))
    #expect(get.url.contains("X-Amz-Expires=604800"))
    let put = client.presignedPut(location, expires: .seconds(600), contentMD5: "1B2M2Y8AsgTpgAmY7PhCfg==")
    #expect(put.url.contains("X-Amz-SignedHeaders=content-md5%3Bhost"))
    #expect(put.expiresAt == now.addingTimeInterval(600))
  }

  @Test func aPresignedPutAndGetMoveBytesWithoutCredentials() async throws {
    let (client, root) = try await S3TestServer.bucket()
    let location = try S3Location(root.appending("uploads", "fast.tar.gz"))
    let body = Data("code bundle bytes".utf8)
    let md5 = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
    let put = client.presignedPut(location, expires: .seconds(300), contentMD5: md5)
    var request = HTTPClientRequest(url: put.url)
    request.method = .PUT
    request.headers.add(name: "Content-MD5", value: md5)
    request.body = .bytes(ByteBuffer(bytes: body))
    let uploaded = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    #expect(uploaded.status.code == 200)
    let download = try await HTTPClient.shared.execute(
      HTTPClientRequest(url: client.presignedGet(location, expires: .seconds(300)).url), timeout: .seconds(30))
    #expect(download.status.code == 200)
    let bytes = try await download.body.collect(upTo: 1 << 20)
    #expect(Data(bytes.readableBytesView) == body)
  }
}
