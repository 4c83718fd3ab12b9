public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Files only the server's user may read (mode 0600, in 0700 directories): signing keys,
/// client secrets, the audit log. Written to a temporary name and renamed, so a reader never
/// sees half a file.
public enum PrivateFile {
  /// Creates `directory` (and parents) with mode 0700 if missing.
  public static func ensureDirectory(_ directory: String) throws(AuthError) {
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    } catch {
      throw AuthError(.storage, "cannot create the directory: \(error)", at: directory)
    }
  }

  /// Replaces `path` with `data`, readable and writable by the owner only.
  public static func write(_ data: Data, to path: String) throws(AuthError) {
    let directory = (path as NSString).deletingLastPathComponent
    try ensureDirectory(directory)
    let temporary = "\(path).\(UUID().uuidString).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw AuthError(.storage, "cannot create: \(String(cString: strerror(errno)))", at: path) }
    let written = data.withUnsafeBytes { buffer -> Int in
      var offset = 0
      while offset < buffer.count {
        let count = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if count <= 0 { return -1 }
        offset += count
      }
      return offset
    }
    let synced = fsync(fd) == 0
    close(fd)
    guard written == data.count, synced, rename(temporary, path) == 0 else {
      unlink(temporary)
      throw AuthError(.storage, "cannot write: \(String(cString: strerror(errno)))", at: path)
    }
  }

  /// The file's contents, or nil when it does not exist. Refuses a file others can read or
  /// write, so a secret copied in with loose permissions is noticed rather than trusted.
  public static func read(_ path: String) throws(AuthError) -> Data? {
    guard
      FileManager.default.fileExists(atPath: path)
        || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    else { return nil }
    let attributes: [FileAttributeKey: Any]
    do {
      attributes = try FileManager.default.attributesOfItem(atPath: path)
    } catch {
      throw AuthError(.storage, "cannot read: \(error)", at: path)
    }
    guard attributes[.type] as? FileAttributeType == .typeRegular else {
      throw AuthError(.storage, "not a regular file", at: path)
    }
    guard ((attributes[.posixPermissions] as? Int) ?? 0o777) & 0o077 == 0 else {
      throw AuthError(.storage, "other users can access this file; run chmod 600 on it", at: path)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw AuthError(.storage, "cannot read the file", at: path)
    }
    return data
  }
}
