import Foundation

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// Opening what lies in the data directory, which tasks write into and so is untrusted: a
/// task can leave a symbolic link (to `/etc/passwd`, to `vane.db`), a FIFO or a 2 TB sparse
/// file where its `outputs.pb` should be.
///
/// Every component below the root is opened with `O_NOFOLLOW`, one `openat` at a time, so a
/// link anywhere on the way is refused rather than followed; only regular files are read, and
/// never more than the caller's limit (the size is checked before anything is allocated).
extension LocalFiles {
  /// An open stored file: its descriptor (the caller closes it) and its size when opened.
  struct StoredFile {
    let descriptor: Int32
    let size: Int
  }

  /// Opens the regular file at `path` (under `root`) for reading without following links.
  static func openStored(path: String, root: String, uri: DataURI) throws(DataError) -> StoredFile {
    guard path.hasPrefix(root == "/" ? "/" : root + "/") else {
      throw DataError(.notFound, "this is the data directory, not a stored object", uri: uri)
    }
    let components = path.dropFirst(root == "/" ? 1 : root.count + 1).split(separator: "/")
    var directory = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard directory >= 0 else { throw failure(errno, "read", uri) }
    for (index, component) in components.enumerated() {
      let isLast = index == components.count - 1
      // O_NONBLOCK: opening a FIFO a task left must not wait for a writer.
      let flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (isLast ? O_NONBLOCK : O_DIRECTORY)
      let next = openat(directory, String(component), flags)
      let code = errno
      // O_NOFOLLOW refuses a link with ELOOP, or ENOTDIR where a directory was asked for.
      let isLink = next < 0 && (code == ELOOP || code == ENOTDIR) && isSymbolicLink(String(component), in: directory)
      close(directory)
      guard next >= 0 else {
        if isLink {
          throw DataError(
            .unsafeFile, "'\(component)' is a symbolic link; stored objects are never read through links", uri: uri)
        }
        throw failure(code, "read", uri)
      }
      directory = next
    }
    var info = stat()
    guard fstat(directory, &info) == 0 else {
      let code = errno
      close(directory)
      throw failure(code, "read", uri)
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG:
      return StoredFile(descriptor: directory, size: max(Int(info.st_size), 0))
    case S_IFDIR:
      close(directory)
      throw DataError(.notFound, "this is a directory, not a stored object", uri: uri)
    default:
      close(directory)
      throw DataError(.unsafeFile, "this is not a regular file (a device, FIFO or socket); it is not read", uri: uri)
    }
  }

  /// The bytes of the stored file at `path`, refused with `tooLarge` beyond `limit` bytes —
  /// by its size before anything is allocated, and again while reading if it grows.
  static func readStored(path: String, root: String, uri: DataURI, limit: Int) throws(DataError) -> Data {
    let file = try openStored(path: path, root: root, uri: uri)
    defer { close(file.descriptor) }
    guard file.size <= limit else { throw tooLarge("\(file.size)", limit: limit, uri: uri) }
    // One byte more than the size, so the end shows as a short read; grow (up to the limit)
    // only if the file grew meanwhile.
    var data = Data(count: file.size + 1)
    var filled = 0
    while true {
      if filled == data.count {
        guard data.count <= limit else { throw tooLarge("more than \(limit)", limit: limit, uri: uri) }
        data.count = min(data.count + max(data.count, 4096), limit + 1)
      }
      let count = data.withUnsafeMutableBytes {
        SystemCall.read(file.descriptor, $0.baseAddress! + filled, $0.count - filled)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw failure(errno, "read", uri)
      }
      if count == 0 { break }
      filled += count
    }
    guard filled <= limit else { throw tooLarge("more than \(limit)", limit: limit, uri: uri) }
    data.count = filled
    return data
  }

  /// Copies the stored file at `path` (under `root`, opened without following links) to
  /// `target`, a chunk at a time.
  static func copyStored(
    path: String, root: String, uri: DataURI, to target: String, targetURI: DataURI, durable: Bool
  ) throws(DataError) {
    let file = try openStored(path: path, root: root, uri: uri)
    defer { close(file.descriptor) }
    try copyAtomically(from: file.descriptor, named: path, to: target, uri: targetURI, durable: durable)
  }

  /// What is at `path` without following a final link: a link, device or FIFO is neither a
  /// file nor a directory (so listings and copies skip it).
  static func storedKind(of path: String) -> Kind? {
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    default: return nil
    }
  }

  private static func tooLarge(_ size: String, limit: Int, uri: DataURI) -> DataError {
    DataError(
      .tooLarge, "the object holds \(size) bytes; the data store reads at most \(limit) bytes (maxObjectBytes)",
      uri: uri)
  }

  private static func isSymbolicLink(_ name: String, in directory: Int32) -> Bool {
    var info = stat()
    return fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFLNK
  }
}
