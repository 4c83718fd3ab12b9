/// An error from a data store: a stable code to branch on, a message a person can act on, and
/// the URI it is about.
public struct DataError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The stable kind of failure. Callers branch on this, never on the message.
  public enum Code: String, Hashable, Sendable, CaseIterable {
    /// Nothing is stored at the URI.
    case notFound = "not_found"
    /// The URI's scheme is not served by this store (for example `s3://` on a local store).
    case unsupportedScheme = "unsupported_scheme"
    /// The URI points outside the directory the store is rooted at.
    case outsideRoot = "outside_root"
    /// The URI text is malformed (no path, a host on a `file://` URI, `..` components).
    case invalidURI = "invalid_uri"
    /// The operating system refused a read, write, rename or listing.
    case ioFailed = "io_failed"
    /// Stored bytes do not decode as the message that was asked for.
    case corrupt
    /// A message could not be encoded for writing.
    case encodingFailed = "encoding_failed"
  }

  /// The stable kind of failure.
  public var code: Code
  /// What went wrong and, where possible, what to do about it.
  public var message: String
  /// The URI the operation was about.
  public var uri: DataURI

  /// Creates an error.
  public init(_ code: Code, _ message: String, uri: DataURI) {
    self.code = code
    self.message = message
    self.uri = uri
  }

  public var description: String { "\(code.rawValue): \(message) (\(uri))" }
}
