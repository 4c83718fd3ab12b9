public import VaneModel

/// One problem found while loading a package: what went wrong, a message a user can act on,
/// and where — the archive or directory, plus the member inside it when there is one.
public struct PackageError: VaneError, Hashable {
  /// Stable codes for package problems; tools may match on them.
  public enum Code: String, Hashable, Sendable, CaseIterable {
    /// The path does not exist.
    case notFound
    /// The file or a directory entry could not be read.
    case unreadable
    /// The file is neither a gzip-compressed tar archive nor a tar archive.
    case notAnArchive
    /// The gzip stream is damaged (bad header, bad data, checksum mismatch, trailing bytes).
    case gzipCorrupt
    /// The gzip stream ends before its end.
    case gzipTruncated
    /// A tar header or extended header is damaged.
    case tarCorrupt
    /// The tar archive ends in the middle of a header or of a member's data.
    case tarTruncated
    /// A member's path is absolute or climbs out of the archive with `..`.
    case unsafeMemberPath
    /// A `*_1.pb`, `*_2.pb` or `*_3.pb` file does not decode as the message it must hold.
    case decodeFailed
    /// A decoded entity lacks its identifier or has the wrong resource type.
    case invalidEntity
    /// Two files define the same task, workflow or launch plan.
    case duplicateEntity
    /// The package holds no task, workflow or launch plan.
    case emptyPackage
    /// The package holds more than one `fast*.tar.gz` code archive.
    case multipleCodeArchives
    /// The `fast*.tar.gz` code archive is not a readable gzip-compressed tar archive.
    case codeArchiveInvalid
    /// The package expands beyond the loader's size limit.
    case tooLarge
    /// Writing the code archive to disk failed.
    case writeFailed
  }

  /// What went wrong.
  public let code: Code
  /// A sentence saying what is wrong and, where possible, what to do.
  public let message: String
  /// Where: the archive or directory path, followed by `:member` for a member of an
  /// archive, or the member's full path for a file in a directory.
  public let path: String
  /// The member inside the archive or directory, when the problem is about one.
  public let member: String?

  /// Creates an error.
  public init(_ code: Code, _ message: String, path: String, member: String? = nil) {
    self.code = code
    self.message = message
    self.path = path
    self.member = member
  }

  /// The path (with the member); the description is `<path>: <message>`.
  public var location: String? { path }

  /// `<path>: <message>`.
  public var description: String { "\(path): \(message)" }
}
