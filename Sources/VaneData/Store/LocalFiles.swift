import Foundation
import Synchronization

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// POSIX file operations behind `LocalDataStore`, with errors mapped to `DataError`.
enum LocalFiles {
  enum Kind { case file, directory }

  /// The prefix of temporary files written before the rename; never listed.
  static let temporaryPrefix = ".vane-tmp-"

  static func kind(of path: String) -> Kind? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    default: return nil
    }
  }

  /// Writes to a temporary file and renames it over `path`; `durable` flushes the file before
  /// the rename and the directory after it.
  static func writeAtomically(_ data: Data, path: String, uri: DataURI, durable: Bool = true) throws(DataError) {
    try writeAtomically(path: path, uri: uri, durable: durable) { (descriptor) throws(DataError) in
      try writeAll(data, to: descriptor, uri: uri)
    }
  }

  /// Creates a temporary file beside `path`, lets `fill` write it, then renames it over `path`.
  static func writeAtomically(
    path: String, uri: DataURI, durable: Bool, fill: (Int32) throws(DataError) -> Void
  ) throws(DataError) {
    let directory = parent(of: path)
    try makeDirectories(directory, uri: uri)
    let temporary = directory + "/" + temporaryPrefix + temporarySuffix()
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw failure(errno, "write", uri) }
    var written = false
    defer { if !written { unlink(temporary) } }
    do {
      defer { close(descriptor) }
      try fill(descriptor)
      guard !durable || fsync(descriptor) == 0 else { throw failure(errno, "flush", uri) }
    }
    guard rename(temporary, path) == 0 else { throw failure(errno, "rename into place", uri) }
    written = true
    if durable { syncDirectory(directory) }
  }

  private static let temporaryCounter = Atomic<UInt64>(0)

  /// Unique within the process (pid and a counter); the `O_EXCL` open catches the rest.
  private static func temporarySuffix() -> String {
    let number = temporaryCounter.wrappingAdd(1, ordering: .relaxed).newValue
    return "\(getpid())-\(number)"
  }

  private static func parent(of path: String) -> String {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
    return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
  }

  static func files(under path: String, uri: DataURI) throws(DataError) -> [String] {
    switch storedKind(of: path) {
    case .file?: return [path]
    case nil: return []
    case .directory?:
      var result: [String] = []
      try collect(directory: path, into: &result, uri: uri)
      return result.sorted()
    }
  }

  static func remove(path: String, uri: DataURI) throws(DataError) {
    guard kind(of: path) != nil else { return }
    do {
      try FileManager.default.removeItem(atPath: path)
    } catch {
      throw DataError(.ioFailed, "could not delete: \(error.localizedDescription)", uri: uri)
    }
  }

  private static func collect(directory: String, into result: inout [String], uri: DataURI) throws(DataError) {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw DataError(.ioFailed, "could not list \(directory): \(error.localizedDescription)", uri: uri)
    }
    for name in names where !name.hasPrefix(temporaryPrefix) {
      let child = directory + "/" + name
      // Links are skipped, not followed: a task's link to `/` or to its own folder would
      // otherwise list the machine, or loop forever.
      switch storedKind(of: child) {
      case .file?: result.append(child)
      case .directory?: try collect(directory: child, into: &result, uri: uri)
      case nil: continue
      }
    }
  }

  /// Creates `directory` and missing parents: one `mkdir` when the parent exists (the usual case).
  private static func makeDirectories(_ directory: String, uri: DataURI) throws(DataError) {
    if mkdir(directory, 0o755) == 0 { return }
    switch errno {
    case EEXIST:
      return  // a file in the way makes the open of the temporary file fail with ENOTDIR
    case ENOENT where directory != "/" && directory != ".":
      try makeDirectories(parent(of: directory), uri: uri)
      guard mkdir(directory, 0o755) == 0 || errno == EEXIST else { throw failure(errno, "create \(directory)", uri) }
    default:
      throw failure(errno, "create \(directory)", uri)
    }
  }

  static func writeAll(_ data: Data, to descriptor: Int32, uri: DataURI) throws(DataError) {
    var offset = 0
    while offset < data.count {
      let count = data.withUnsafeBytes { SystemCall.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
      if count < 0 {
        if errno == EINTR { continue }
        throw failure(errno, "write", uri)
      }
      offset += count
    }
  }

  private static func syncDirectory(_ directory: String) {
    let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    close(descriptor)
  }

  static func failure(_ code: Int32, _ action: String, _ uri: DataURI) -> DataError {
    let reason = String(cString: strerror(code))
    if code == ENOENT { return DataError(.notFound, "nothing is stored here", uri: uri) }
    return DataError(.ioFailed, "could not \(action): \(reason) (errno \(code))", uri: uri)
  }
}
