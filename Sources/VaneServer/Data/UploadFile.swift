import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One upload being written: a private temporary file beside the target (mode 0640, created
/// exclusively), fed chunk by chunk while its MD5 is computed, then published with `link(2)` —
/// which fails when anything (a file or a directory) already has the target's name, so an
/// upload never replaces or deletes what is there.
struct UploadFile {
  /// Why an upload did not land.
  enum Failure: Error, Equatable {
    case tooLarge(Int64)
    case digestMismatch(expected: String, actual: String)
    case exists
    case io(String)
  }

  let target: String
  let temporary: String
  private let fd: Int32
  private var hash = Insecure.MD5()
  private(set) var written: Int64 = 0

  /// Creates the target's directory (refusing one reached through a symbolic link) and the
  /// temporary file.
  init(target: String, root: String) throws(Failure) {
    self.target = target
    let directory = (target as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
    } catch {
      throw .io("cannot create \(directory): \(error)")
    }
    guard DataAccess.realPath(directory) == directory, directory.hasPrefix(root + "/") else {
      throw .io("\(directory) is reached through a symbolic link")
    }
    temporary = "\(directory)/.upload-\(UUID().uuidString)"
    fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o640)
    guard fd >= 0 else { throw .io("cannot create \(temporary): \(String(cString: strerror(errno)))") }
  }

  /// Appends `bytes`, refusing to grow past `limit`.
  mutating func append(_ bytes: UnsafeRawBufferPointer, limit: Int64) throws(Failure) {
    guard written + Int64(bytes.count) <= limit else { throw .tooLarge(limit) }
    hash.update(bufferPointer: bytes)
    var offset = 0
    while offset < bytes.count {
      let count = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      guard count > 0 else { throw .io("cannot write \(temporary): \(String(cString: strerror(errno)))") }
      offset += count
    }
    written += Int64(bytes.count)
  }

  /// Checks the digest and publishes the file; an identical file already there counts as
  /// published. The temporary file is gone afterwards, whatever happens.
  consuming func finish(expectedMD5: String?) throws(Failure) {
    defer { unlink(temporary) }
    let actual = hash.finalize().map { String(format: "%02x", $0) }.joined()
    guard fsync(fd) == 0 else {
      close(fd)
      throw .io("cannot sync \(temporary): \(String(cString: strerror(errno)))")
    }
    close(fd)
    if let expectedMD5, expectedMD5 != actual { throw .digestMismatch(expected: expectedMD5, actual: actual) }
    guard link(temporary, target) == 0 else {
      let failure = errno
      guard failure == EEXIST else { throw .io("cannot publish \(target): \(String(cString: strerror(failure)))") }
      if Self.md5(ofFileAt: target) == actual { return }
      throw .exists
    }
  }

  /// Drops the temporary file.
  consuming func abandon() {
    close(fd)
    unlink(temporary)
  }

  /// The hex MD5 of a regular file (not followed through a link), or nil.
  static func md5(ofFileAt path: String) -> String? {
    guard FileStatus(path: path)?.isRegularFile == true else { return nil }
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var hash = Insecure.MD5()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 { return nil }
      if count == 0 { break }
      buffer.withUnsafeBytes { hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }
    return hash.finalize().map { String(format: "%02x", $0) }.joined()
  }
}
