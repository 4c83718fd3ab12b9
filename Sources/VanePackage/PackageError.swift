/// One problem found while loading a package: what went wrong, a message a user can act on,
/// and where — the archive or directory, plus the member inside it when there is one.
public struct PackageError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Stable codes for package problems; tools may match on them.
  public enum Code: String, Hashable, Sendable, CaseIterable {
    /// The path does not exist.
    case notFound = "not_found"
    /// The file or a directory entry could not be read.
    case unreadable
    /// The file is neither a gzip-compressed tar archive nor a tar archive.
    case notAnArchive = "not_an_archive"
    /// The gzip stream is damaged (bad header, bad data, checksum mismatch, trailing bytes).
    case gzipCorrupt = "gzip_corrupt"
    /// The gzip stream ends before its end.
    case gzipTruncated = "gzip_truncated"
    /// A tar header or extended header is damaged.
    case tarCorrupt = "tar_corrupt"
    /// The tar archive ends in the middle of a header or of a member's data.
    case tarTruncated = "tar_truncated"
    /// A member's path is absolute or climbs out of the archive with `..`.
    case unsafeMemberPath = "unsafe_member_path"
    /// A `*_1.pb`, `*_2.pb` or `*_3.pb` file does not decode as the message it must hold.
    case decodeFailed = "decode_failed"
    /// A decoded entity lacks its identifier or has the wrong resource type.
    case invalidEntity = "invalid_entity"
    /// Two files define the same task, workflow or launch plan.
    case duplicateEntity = "duplicate_entity"
    /// The package holds no task, workflow or launch plan.
    case emptyPackage = "empty_package"
    /// The package holds more than one `fast*.tar.gz` code archive.
    case multipleCodeArchives = "multiple_code_archives"
    /// The `fast*.tar.gz` code archive is not a readable gzip-compressed tar archive.
    case codeArchiveInvalid = "code_archive_invalid"
    /// The package expands beyond the loader's size limit.
    case tooLarge = "too_large"
    /// Writing the code archive to disk failed.
    case writeFailed = "write_failed"
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

  /// `<path>: <message>`.
  public var description: String { "\(path): \(message)" }
}
