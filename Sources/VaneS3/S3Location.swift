public import VaneData

/// A place in object storage: a bucket and a key (empty for the bucket itself, or a prefix).
///
/// Parsed from `s3://bucket/key` with the checks S3 makes, so a bad URI is refused with a
/// message before any request is sent: bucket names are 3–63 characters of lowercase letters,
/// digits, `.` and `-`, starting and ending with a letter or digit; keys are at most 1,024 bytes
/// of UTF-8 and never hold `.` or `..` components (a key that reads as a path must not climb).
public struct S3Location: Hashable, Sendable, CustomStringConvertible {
  /// The bucket name.
  public let bucket: String
  /// The object key, without a leading slash; empty for the whole bucket.
  public let key: String

  /// The longest key S3 accepts, in bytes.
  public static let maximumKeyBytes = 1024

  /// Creates a location from its parts, unchecked.
  public init(bucket: String, key: String) {
    self.bucket = bucket
    self.key = key
  }

  /// Parses `s3://bucket/key`; `DataError.Code.unsupportedScheme` or `.invalidURI` otherwise.
  public init(_ uri: DataURI) throws(DataError) {
    guard uri.scheme == "s3" else {
      let found = uri.scheme.map { "\($0)://" } ?? "text without a scheme"
      throw DataError(
        .unsupportedScheme, "the S3 data store serves only s3://bucket/key URIs, not \(found)", uri: uri)
    }
    let rest = uri.afterScheme
    let slash = rest.firstIndex(of: "/")
    let bucket = String(slash.map { rest[..<$0] } ?? rest[...])
    var key = slash.map { String(rest[rest.index(after: $0)...]) } ?? ""
    while key.hasPrefix("/") { key.removeFirst() }
    if let problem = Self.bucketProblem(bucket) {
      throw DataError(.invalidURI, "'\(bucket)' is not a valid bucket name: \(problem)", uri: uri)
    }
    guard key.utf8.count <= Self.maximumKeyBytes else {
      throw DataError(
        .invalidURI, "the object key is \(key.utf8.count) bytes; S3 allows at most \(Self.maximumKeyBytes)", uri: uri)
    }
    for component in key.split(separator: "/", omittingEmptySubsequences: false).dropLast()
    where component.isEmpty || component == "." || component == ".." {
      throw DataError(.invalidURI, "empty, '.' and '..' path components are not allowed in object keys", uri: uri)
    }
    if key.hasSuffix("/.") || key.hasSuffix("/..") || key == "." || key == ".." {
      throw DataError(.invalidURI, "'.' and '..' path components are not allowed in object keys", uri: uri)
    }
    guard !key.utf8.contains(0) else {
      throw DataError(.invalidURI, "object keys cannot contain NUL bytes", uri: uri)
    }
    self.init(bucket: bucket, key: key)
  }

  /// `s3://bucket/key`.
  public var uri: DataURI { DataURI(key.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(key)") }

  /// This location read as a prefix: the key with one trailing `/` (empty for the bucket), so
  /// `a/b` does not also match `a/bc`.
  public var directoryPrefix: String {
    key.isEmpty || key.hasSuffix("/") ? key : key + "/"
  }

  /// The location of `key` in the same bucket.
  public func sibling(key: String) -> S3Location { S3Location(bucket: bucket, key: key) }

  public var description: String { uri.rawValue }

  /// Why `name` cannot be a bucket, or nil when it can.
  static func bucketProblem(_ name: String) -> String? {
    let bytes = Array(name.utf8)
    guard (3...63).contains(bytes.count) else { return "bucket names have 3 to 63 characters" }
    func isLetterOrDigit(_ byte: UInt8) -> Bool {
      (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
    for byte in bytes where !isLetterOrDigit(byte) && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "-") {
      return "only lowercase letters, digits, '.' and '-' are allowed"
    }
    guard isLetterOrDigit(bytes.first!), isLetterOrDigit(bytes.last!) else {
      return "a bucket name starts and ends with a letter or digit"
    }
    guard !name.contains("..") else { return "a bucket name has no two adjacent dots" }
    return nil
  }
}
