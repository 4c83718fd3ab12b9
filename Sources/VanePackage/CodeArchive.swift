public import Foundation

/// The user's source code that `pyflyte package --fast` puts next to the entity files as
/// `fast<digest>.tar.gz`; tasks download and unpack it before they run.
public struct CodeArchive: Hashable, Sendable {
  /// The archive's file name, for example `fast70e7530669117ca62f0d2166701a7f84.tar.gz`.
  public let fileName: String
  /// The digest flytekit put in the file name (the part between `fast` and `.tar.gz`).
  public let digest: String
  /// The archive's bytes, still compressed.
  public let data: Data

  /// Creates a code archive; `digest` defaults to the one in `fileName`.
  public init(fileName: String, data: Data, digest: String? = nil) {
    self.fileName = fileName
    self.digest = digest ?? Self.digest(inFileName: fileName) ?? ""
    self.data = data
  }

  /// Writes the archive into `directory` (created if missing) under ``fileName`` and returns
  /// the file's URL. An existing file of that name is replaced.
  public func write(to directory: URL) throws(PackageError) -> URL {
    let file = directory.appendingPathComponent(fileName, isDirectory: false)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try data.write(to: file, options: .atomic)
    } catch {
      throw PackageError(
        .writeFailed, "cannot write the code archive: \(error.localizedDescription)", path: file.path,
        member: fileName)
    }
    return file
  }

  /// Whether `fileName` names a fast-registration code archive (`fast*.tar.gz`).
  public static func isCodeArchiveName(_ fileName: String) -> Bool {
    fileName.hasPrefix("fast") && fileName.hasSuffix(".tar.gz")
  }

  /// The digest in a `fast<digest>.tar.gz` file name; `nil` when the name has none.
  static func digest(inFileName fileName: String) -> String? {
    guard isCodeArchiveName(fileName), fileName.count > "fast.tar.gz".count else { return nil }
    return String(fileName.dropFirst("fast".count).dropLast(".tar.gz".count))
  }
}
