import Crypto
public import Foundation

/// AWS Signature Version 4: signs requests with an `Authorization` header and presigns URLs
/// (query-string authentication), as S3 and every S3-compatible server check them.
///
/// ```
/// canonical request = METHOD \n path \n sorted query \n headers \n signed names \n payload hash
/// string to sign    = AWS4-HMAC-SHA256 \n timestamp \n day/region/service/aws4_request \n sha256(canonical)
/// signing key       = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), service), "aws4_request")
/// signature         = hex(HMAC(signing key, string to sign))
/// ```
///
/// Pure: the time is passed in, so the signer is tested against AWS's published examples.
public struct SigV4Signer: Sendable {
  /// The key pair that signs.
  public var credentials: S3Credentials
  /// The region of the credential scope (`us-east-1`, …).
  public var region: String
  /// The service of the credential scope (`s3`).
  public var service: String

  static let algorithm = "AWS4-HMAC-SHA256"

  /// Creates a signer.
  public init(credentials: S3Credentials, region: String, service: String = "s3") {
    self.credentials = credentials
    self.region = region
    self.service = service
  }

  /// The `Authorization` header value for `request` at `date`. The request's headers must
  /// already hold `Host` and `X-Amz-Date` (`SigV4Encoding.timestamp(date)`), and
  /// `x-amz-security-token` when the credentials have a session token.
  public func authorization(for request: SigV4Request, at date: Date) -> String {
    let (canonical, signedNames) = Self.canonicalRequest(request)
    let scope = self.scope(at: date)
    let signature = self.signature(canonicalRequest: canonical, scope: scope, at: date)
    return
      "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedNames), Signature=\(signature)"
  }

  /// The query items of a presigned URL for `request` (whose `query` holds the request's own
  /// parameters and whose `headers` hold `Host` and any header the URL's user must send, such
  /// as `Content-MD5`), valid for `expires` seconds from `date`. The payload is unsigned.
  public func presignedQuery(
    for request: SigV4Request, at date: Date, expires: Int
  ) -> [(name: String, value: String)] {
    let scope = self.scope(at: date)
    var query = request.query
    query.append(("X-Amz-Algorithm", Self.algorithm))
    query.append(("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope)"))
    query.append(("X-Amz-Date", SigV4Encoding.timestamp(date)))
    query.append(("X-Amz-Expires", String(expires)))
    if let token = credentials.sessionToken { query.append(("X-Amz-Security-Token", token)) }
    let names = Self.canonicalHeaders(request.headers).map(\.name).joined(separator: ";")
    query.append(("X-Amz-SignedHeaders", names))
    var signed = request
    signed.query = query
    signed.payloadHash = "UNSIGNED-PAYLOAD"
    let (canonical, _) = Self.canonicalRequest(signed)
    query.append(("X-Amz-Signature", signature(canonicalRequest: canonical, scope: scope, at: date)))
    return query
  }

  /// `day/region/service/aws4_request`.
  func scope(at date: Date) -> String {
    "\(SigV4Encoding.day(date))/\(region)/\(service)/aws4_request"
  }

  func signature(canonicalRequest: String, scope: String, at date: Date) -> String {
    let stringToSign = Self.stringToSign(
      canonicalRequest: canonicalRequest, scope: scope, timestamp: SigV4Encoding.timestamp(date))
    let key = signingKey(day: SigV4Encoding.day(date))
    return SigV4Encoding.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
  }

  static func stringToSign(canonicalRequest: String, scope: String, timestamp: String) -> String {
    "\(algorithm)\n\(timestamp)\n\(scope)\n\(SigV4Encoding.sha256Hex(Data(canonicalRequest.utf8)))"
  }

  /// The key derived from the secret for one day, region and service.
  func signingKey(day: String) -> SymmetricKey {
    func hmac(_ key: SymmetricKey, _ text: String) -> SymmetricKey {
      SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)))
    }
    let secret = SymmetricKey(data: Data(("AWS4" + credentials.secretAccessKey).utf8))
    return hmac(hmac(hmac(hmac(secret, day), region), service), "aws4_request")
  }

  /// The canonical request and the `;`-joined signed header names.
  static func canonicalRequest(_ request: SigV4Request) -> (text: String, signedNames: String) {
    var pairs: [(name: String, value: String)] = []
    for item in request.query {
      pairs.append(
        (SigV4Encoding.uriEncode(item.name, keepSlash: false), SigV4Encoding.uriEncode(item.value, keepSlash: false)))
    }
    pairs.sort { (left, right) -> Bool in left.name == right.name ? left.value < right.value : left.name < right.name }
    let query = pairs.map { (pair) -> String in pair.name + "=" + pair.value }.joined(separator: "&")
    let headers = canonicalHeaders(request.headers)
    let names = headers.map(\.name).joined(separator: ";")
    let headerText = headers.map { "\($0.name):\($0.value)\n" }.joined()
    let text = [request.method, request.path, query, headerText, names, request.payloadHash].joined(separator: "\n")
    return (text, names)
  }

  /// Lower-case names, sorted; values trimmed with inner runs of spaces collapsed; repeated
  /// headers joined with commas in the order given.
  static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
    var merged: [String: [String]] = [:]
    for header in headers {
      merged[header.name.lowercased(), default: []].append(collapseSpaces(header.value))
    }
    return merged.keys.sorted().map { ($0, merged[$0]!.joined(separator: ",")) }
  }

  private static func collapseSpaces(_ value: String) -> String {
    value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }
}
