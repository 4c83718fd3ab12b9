public import Foundation
import VaneData

extension S3Client {
  /// The longest lifetime SigV4 allows a presigned URL (7 days).
  public static let maximumPresignSeconds = 604_800

  /// A presigned URL for `GET` of the object at `location`, valid for `expires` (capped at 7
  /// days): anyone holding it may download the object until then, without credentials.
  public func presignedGet(_ location: S3Location, expires: Duration) -> (url: String, expiresAt: Date) {
    presign("GET", location, expires: expires, contentMD5: nil)
  }

  /// A presigned URL for `PUT` to `location`. With `contentMD5` (base64 of the 16-byte digest)
  /// the upload must send that `Content-MD5` header and bytes matching it, as flytekit's
  /// `pyflyte register` does. Each `metadata` entry is signed as an `x-amz-meta-NAME` header
  /// the upload must send with that value (and the object then carries).
  public func presignedPut(
    _ location: S3Location, expires: Duration, contentMD5: String?, metadata: [String: String] = [:]
  ) -> (
    url: String, expiresAt: Date
  ) {
    presign("PUT", location, expires: expires, contentMD5: contentMD5, metadata: metadata)
  }

  private func presign(
    _ method: String, _ location: S3Location, expires: Duration, contentMD5: String?,
    metadata: [String: String] = [:]
  ) -> (url: String, expiresAt: Date) {
    let seconds = min(max(Int(expires.components.seconds), 1), Self.maximumPresignSeconds)
    let date = now()
    let address = endpoint.address(bucket: location.bucket, key: location.key)
    var headers: [(name: String, value: String)] = [("host", address.host)]
    if let contentMD5 { headers.append(("content-md5", contentMD5)) }
    for (name, value) in metadata { headers.append(("x-amz-meta-\(name.lowercased())", value)) }
    let request = SigV4Request(method: method, path: address.path, headers: headers, payloadHash: "UNSIGNED-PAYLOAD")
    let query = signer.presignedQuery(for: request, at: date, expires: seconds)
    return (address.url + Self.queryText(query), date.addingTimeInterval(TimeInterval(seconds)))
  }
}
