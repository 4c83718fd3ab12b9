public import VaneModel

/// An error from a data store: a stable code to branch on, a message a person can act on, and
/// the URI it is about.
public struct DataError: VaneError, Hashable {
  /// The stable kind of failure. Callers branch on this, never on the message.
  public enum Code: String, Hashable, Sendable, CaseIterable {
    /// Nothing is stored at the URI.
    case notFound
    /// The URI's scheme is not served by this store (for example `s3://` on a local store).
    case unsupportedScheme
    /// The URI points outside the directory the store is rooted at.
    case outsideRoot
    /// The URI text is malformed (no path, a host on a `file://` URI, `..` components).
    case invalidURI
    /// The operating system refused a read, write, rename or listing.
    case ioFailed
    /// Stored bytes do not decode as the message that was asked for.
    case corrupt
    /// A message could not be encoded for writing.
    case encodingFailed
    /// The storage service refused the credentials or the operation (wrong key, no permission).
    case accessDenied
    /// The storage service could not be reached or kept failing after every retry; trying again
    /// later may succeed.
    case unavailable
    /// Bytes arrived different from what was sent or announced (checksum or length mismatch).
    case integrity
    /// The object is larger than the store reads (`maxObjectBytes`).
    case tooLarge
    /// What is stored is not a regular file (a symbolic link, a device, a FIFO), and is not
    /// read or copied.
    case unsafeFile
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

  /// The URI.
  public var location: String? { uri.rawValue }

  /// `<message> (<uri>)`: the URI last, as it is often long.
  public var description: String { "\(message) (\(uri))" }
}
