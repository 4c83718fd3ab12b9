import VaneData

/// Why one S3 request failed, classified for retrying and for the message a person reads.
struct S3Failure: Error, Sendable, CustomStringConvertible {
  enum Kind: Sendable {
    /// The server answered with an error status and (usually) an XML `<Error>` body.
    case status(Int, code: String, message: String)
    /// No answer: refused, reset, DNS, TLS or timed out.
    case connection(String)
    /// The answer arrived but its bytes do not match their length or checksum.
    case integrity(String)
    /// The object is larger than the caller reads whole (`size` when the server said it).
    case tooLarge(size: Int?, limit: Int)
  }

  var kind: Kind
  /// How many attempts were made before giving up (set by the retrier).
  var attempts = 1

  init(_ kind: Kind) { self.kind = kind }

  /// Server errors, throttling, timeouts, dropped connections and corrupted transfers are worth
  /// another try; refusals and missing objects are not.
  var isRetryable: Bool {
    switch kind {
    case .connection, .integrity: return true
    case .tooLarge: return false
    case .status(let status, let code, _):
      if status >= 500 || status == 429 || status == 408 { return true }
      return [
        "SlowDown", "RequestTimeout", "RequestTimeTooSkewed", "BadDigest", "XAmzContentSHA256Mismatch",
        "InternalError", "ServiceUnavailable", "Throttling", "ThrottlingException",
      ].contains(code)
    }
  }

  /// A short name of the failure for counts: `HTTP 503`, `connection`, `integrity`.
  var summary: String {
    switch kind {
    case .status(let status, _, _): "HTTP \(status)"
    case .connection: "connection"
    case .integrity: "integrity"
    case .tooLarge: "too large"
    }
  }

  var status: Int? {
    if case .status(let status, _, _) = kind { return status }
    return nil
  }

  var code: String? {
    if case .status(_, let code, _) = kind { return code }
    return nil
  }

  var description: String {
    switch kind {
    case .status(let status, let code, let message):
      let text = [code, message].filter { !$0.isEmpty }.joined(separator: ": ")
      return "HTTP \(status)" + (text.isEmpty ? "" : " \(text)")
    case .connection(let reason): return "no answer: \(reason)"
    case .integrity(let reason): return "corrupted transfer: \(reason)"
    case .tooLarge(let size, let limit):
      return "the object is \(size.map { "\($0) bytes" } ?? "larger than that"), over the limit of \(limit) bytes"
    }
  }

  /// The `DataError` a caller sees: the operation, the bucket and the key, and what to do.
  func dataError(_ operation: String, _ location: S3Location, endpoint: String) -> DataError {
    let what = "\(operation) on bucket '\(location.bucket)'" + (location.key.isEmpty ? "" : " key '\(location.key)'")
    let tries = attempts > 1 ? " after \(attempts) attempts" : ""
    switch kind {
    case .status(404, let code, _) where code == "NoSuchBucket":
      return DataError(
        .notFound, "the bucket '\(location.bucket)' does not exist at \(endpoint) (\(what))", uri: location.uri)
    case .status(404, _, _), .status(_, "NoSuchKey", _), .status(_, "NoSuchUpload", _):
      return DataError(.notFound, "nothing is stored here (\(what))", uri: location.uri)
    case .status(let status, let code, _)
    where status == 403 || status == 401 || code == "AccessDenied"
      || code == "InvalidAccessKeyId" || code == "SignatureDoesNotMatch":
      return DataError(
        .accessDenied,
        "S3 denied \(what) at \(endpoint): \(self). Check the credentials and that they may \(operation) in this bucket",
        uri: location.uri)
    case .tooLarge:
      return DataError(
        .tooLarge, "\(what): \(self); data this large must be offloaded (a file or directory), not read whole",
        uri: location.uri)
    case .integrity:
      return DataError(.integrity, "\(what) failed\(tries): \(self)", uri: location.uri)
    default:
      if isRetryable {
        return DataError(
          .unavailable, "\(what) failed\(tries) at \(endpoint): \(self); the store may be down or overloaded",
          uri: location.uri)
      }
      return DataError(.ioFailed, "\(what) failed at \(endpoint): \(self)", uri: location.uri)
    }
  }
}
