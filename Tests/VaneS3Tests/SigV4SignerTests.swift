import Foundation
import Testing
import VaneS3

/// The signer against AWS's published examples: the Signature Version 4 test suite (service
/// `service`, 2015-08-30 12:36:00 UTC) and the S3 API reference examples (2013-05-24).
@Suite struct SigV4SignerTests {
  static let suite = SigV4Signer(
    credentials: S3Credentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
    region: "us-east-1", service: "service")
  static let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
  static let s3 = SigV4Signer(
    credentials: S3Credentials(
      accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    region: "us-east-1")
  static let s3Date = Date(timeIntervalSince1970: 1_369_353_600)  // 2013-05-24T00:00:00Z

  struct Vector: Sendable, CustomTestStringConvertible {
    var name: String
    var method: String
    var query: [String]
    var headers: [String]
    var signature: String
    var testDescription: String { name }
  }

  @Test(arguments: [
    Vector(
      name: "get-vanilla", method: "GET", query: [], headers: [],
      signature:
        "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
    Vector(
      name: "post-vanilla", method: "POST", query: [], headers: [],
      signature:
        "SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
    Vector(
      name: "get-vanilla-query-order-key-case", method: "GET", query: ["Param2=value2", "Param1=value1"], headers: [],
      signature:
        "SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
    Vector(
      name: "post-header-value-case", method: "POST", query: [], headers: ["My-Header1:VALUE1"],
      signature:
        "SignedHeaders=host;my-header1;x-amz-date, Signature=cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"
    ),
    Vector(
      name: "get-header-value-trim", method: "GET", query: [],
      headers: ["My-Header1: value1", "My-Header2:\"a   b   c\""],
      signature:
        "SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"
    ),
  ])
  func testSuite(_ vector: Vector) {
    var headers: [(name: String, value: String)] = [
      ("Host", "example.amazonaws.com"), ("X-Amz-Date", "20150830T123600Z"),
    ]
    for header in vector.headers {
      let parts = header.split(separator: ":", maxSplits: 1).map(String.init)
      headers.append((parts[0], parts[1]))
    }
    let query = vector.query.map { item -> (name: String, value: String) in
      let parts = item.split(separator: "=").map(String.init)
      return (parts[0], parts[1])
    }
    let request = SigV4Request(
      method: vector.method, path: "/", query: query, headers: headers, payloadHash: SigV4Encoding.emptyPayloadHash)
    #expect(
      Self.suite.authorization(for: request, at: Self.suiteDate)
        == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \(vector.signature)")
  }

  @Test func s3GetObjectWithRange() {
    let request = SigV4Request(
      method: "GET", path: "/test.txt",
      headers: [
        ("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
        ("x-amz-content-sha256", SigV4Encoding.emptyPayloadHash), ("x-amz-date", "20130524T000000Z"),
      ], payloadHash: SigV4Encoding.emptyPayloadHash)
    #expect(
      Self.s3.authorization(for: request, at: Self.s3Date)
        == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
  }

  @Test func s3PutObjectWithEncodedKey() {
    let hash = SigV4Encoding.sha256Hex(Data("Welcome to Amazon S3.".utf8))
    let request = SigV4Request(
      method: "PUT", path: "/" + SigV4Encoding.uriEncode("test$file.text", keepSlash: true),
      headers: [
        ("Host", "examplebucket.s3.amazonaws.com"), ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
        ("x-amz-storage-class", "REDUCED_REDUNDANCY"), ("x-amz-content-sha256", hash),
        ("x-amz-date", "20130524T000000Z"),
      ], payloadHash: hash)
    #expect(
      Self.s3.authorization(for: request, at: Self.s3Date).hasSuffix(
        "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, "
          + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"))
  }

  @Test func s3ListObjects() {
    let request = SigV4Request(
      method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")],
      headers: [
        ("Host", "examplebucket.s3.amazonaws.com"), ("x-amz-content-sha256", SigV4Encoding.emptyPayloadHash),
        ("x-amz-date", "20130524T000000Z"),
      ], payloadHash: SigV4Encoding.emptyPayloadHash)
    #expect(
      Self.s3.authorization(for: request, at: Self.s3Date).hasSuffix(
        "Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"))
  }

  @Test func s3PresignedGet() {
    let request = SigV4Request(
      method: "GET", path: "/test.txt", headers: [("Host", "examplebucket.s3.amazonaws.com")],
      payloadHash: "UNSIGNED-PAYLOAD")
    let query = Self.s3.presignedQuery(for: request, at: Self.s3Date, expires: 86_400)
    #expect(
      query.map(\.name) == [
        "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature",
      ])
    #expect(query.last?.value == "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
    #expect(query[1].value == "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request")
  }

  @Test func encodingKeepsUnreservedAndEscapesTheRest() {
    #expect(SigV4Encoding.uriEncode("a b/c~d+e$é", keepSlash: true) == "a%20b/c~d%2Be%24%C3%A9")
    #expect(SigV4Encoding.uriEncode("a/b", keepSlash: false) == "a%2Fb")
  }

  @Test(arguments: [
    (0.0, "19700101T000000Z"), (1_369_353_600, "20130524T000000Z"), (1_440_938_160, "20150830T123600Z"),
    (951_827_696, "20000229T123456Z"), (4_107_542_399, "21000228T235959Z"),
  ])
  func timestamps(seconds: Double, text: String) {
    #expect(SigV4Encoding.timestamp(Date(timeIntervalSince1970: seconds)) == text)
  }
}
