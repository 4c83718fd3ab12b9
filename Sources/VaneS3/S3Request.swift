import Foundation
import NIOHTTP1

/// One request of the S3 API before signing: what to do to which object.
struct S3Request: Sendable {
  /// The API operation's name (`PutObject`, `ListObjectsV2`, …), for counts and messages.
  var operation: String
  var method: HTTPMethod
  var location: S3Location
  var query: [(name: String, value: String)] = []
  var headers: [(name: String, value: String)] = []
  /// The body; retries send the same bytes again.
  var body: Data?
  /// The most response bytes collected in memory (streamed downloads bypass this).
  var responseLimit = 64 << 20
}

/// An answer of the S3 API with its body collected.
struct S3Response: Sendable {
  var status: Int
  var headers: HTTPHeaders
  var body: Data

  /// The first value of header `name`.
  func header(_ name: String) -> String? { headers.first(name: name) }
}
