public import Foundation

/// A `DataStore` for `file://` URIs under one local data directory (the embedded default).
///
/// Only URIs of the form `file://<path under root>` are served; other schemes, hosts, `.`/`..`
/// components and paths outside the root are rejected with a `DataError` before any file is
/// touched. Writes go to a hidden temporary file in the target's directory, are flushed with
/// `fsync`, then renamed over the target (and the directory is flushed), so a reader never sees
/// a partial file and a written file survives `kill -9` or a power cut. Temporary files are
/// never listed. `stage` hands the file to a background writer and skips the flushes; the
/// staged bytes are visible to this process's readers at once, and on disk (for other
/// processes) and durable after `flush`, which syncs the file system once for every write
/// staged before it (see `StagedWrites`).
///
/// Tasks write into the data directory, so what is stored there is untrusted: reads, copies
/// and downloads open every path component without following symbolic links, take regular
/// files only (`DataError.Code.unsafeFile` otherwise), and `read` returns at most
/// `maxObjectBytes` (`DataError.Code.tooLarge` beyond, checked before anything is allocated).
///
/// The file system calls block the calling thread; they are short and local.
public struct LocalDataStore: DataStore {
  /// The largest object `read` returns by default: 10 MiB, FlytePropeller's default for a
  /// task's outputs (`max-output-size-bytes`, now `storage.limits.maxDownloadMBs`). Larger data
  /// belongs in offloaded blobs, which are copied and downloaded in chunks, never read whole.
  public static let defaultMaxObjectBytes = 10 << 20

  /// The data directory every URI must lie under (absolute, without a trailing slash).
  public let root: String
  /// The largest object `read` returns (and so the largest `outputs.pb`, `error.pb` or
  /// `futures.pb` a task can hand the engine).
  public let maxObjectBytes: Int
  private let stagedWrites: StagedWrites

  /// Creates a store rooted at `root`, an absolute or working-directory-relative path. The
  /// directory is created on the first write.
  public init(root: String, maxObjectBytes: Int = LocalDataStore.defaultMaxObjectBytes) {
    self.init(root: root, maxObjectBytes: maxObjectBytes, stagedWrites: nil)
  }

  /// A store whose staged writes go through `stagedWrites` (tests pass a ledger with their own
  /// writer and sync) instead of the directory's shared ledger.
  init(root: String, maxObjectBytes: Int = LocalDataStore.defaultMaxObjectBytes, stagedWrites: StagedWrites?) {
    let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
    let standardized = (absolute as NSString).standardizingPath
    self.root = standardized.count > 1 && standardized.hasSuffix("/") ? String(standardized.dropLast()) : standardized
    self.maxObjectBytes = max(maxObjectBytes, 0)
    self.stagedWrites = stagedWrites ?? StagedWrites.ledger(root: self.root)
  }

  /// The `file://` URI of the root directory, the base for `DataLayout`.
  public var rootURI: DataURI { DataURI(filePath: root) }

  public func read(_ uri: DataURI) async throws(DataError) -> Data {
    let path = try localPath(of: uri)
    if let staged = stagedWrites.files.bytes(at: path) { return staged }
    return try LocalFiles.readStored(path: path, root: root, uri: uri, limit: maxObjectBytes)
  }

  public func write(_ data: Data, to uri: DataURI) async throws(DataError) {
    let path = try localPath(of: uri)
    guard path != root else {
      throw DataError(.invalidURI, "cannot write to the data directory itself; name a file under it", uri: uri)
    }
    // Older staged bytes of the same file must not land after these.
    if stagedWrites.files.bytes(at: path) != nil {
      try stagedWrites.files.drain(under: path, owner: StagingOwner.current)
    }
    try LocalFiles.writeAtomically(data, path: path, uri: uri)
    stagedWrites.files.dropFailed(at: path)
  }

  public func stage(_ data: Data, to uri: DataURI) async throws(DataError) {
    let path = try localPath(of: uri)
    guard path != root else {
      throw DataError(.invalidURI, "cannot write to the data directory itself; name a file under it", uri: uri)
    }
    if !stagedWrites.files.stage(data, path: path, uri: uri, owner: StagingOwner.current) {
      try LocalFiles.writeAtomically(data, path: path, uri: uri, durable: false)
      stagedWrites.files.wroteDirectly()
    }
  }

  /// Waits for the caller's staged files and syncs the file system on a thread of its own: both
  /// block for milliseconds (a backlog of files, `syncfs`), which on the cooperative pool — as
  /// wide as the machine has cores — would stall every other task of the process meanwhile.
  public func flush() async throws(DataError) {
    let ledger = stagedWrites
    let owner = StagingOwner.current
    if ledger.isFlushed(owner: owner) { return }
    try await BlockingWork.run { () throws(DataError) in try ledger.flush(owner: owner) }
  }

  public func exists(_ uri: DataURI) async throws(DataError) -> Bool {
    let path = try localPath(of: uri)
    return stagedWrites.files.bytes(at: path) != nil || LocalFiles.storedKind(of: path) != nil
  }

  public func list(prefix: DataURI) async throws(DataError) -> [DataURI] {
    let path = try localPath(of: prefix)
    try settle(under: path)
    return try LocalFiles.files(under: path, uri: prefix).map { DataURI(filePath: $0) }
  }

  public func delete(_ uri: DataURI) async throws(DataError) {
    let path = try localPath(of: uri)
    guard path != root else {
      throw DataError(.invalidURI, "refusing to delete the whole data directory", uri: uri)
    }
    try settle(under: path)
    try LocalFiles.remove(path: path, uri: uri)
  }

  public func copy(from source: DataURI, to destination: DataURI) async throws(DataError) {
    let sourcePath = try localPath(of: source)
    let destinationPath = try localPath(of: destination)
    try settle(under: sourcePath)
    try settle(under: destinationPath)
    // Streamed a chunk at a time: raw data of any size is copied, but never through a link.
    switch LocalFiles.storedKind(of: sourcePath) {
    case .file?:
      try copyStored(sourcePath, uri: source, to: destinationPath, uri: destination, durable: true)
    case .directory?:
      for file in try LocalFiles.files(under: sourcePath, uri: source) {
        let relative = String(file.dropFirst(sourcePath.count))
        let target = DataURI(filePath: destinationPath).appending(relative)
        try copyStored(
          file, uri: DataURI(filePath: file), to: destinationPath + "/" + relative.trimmingSlashes, uri: target,
          durable: true)
      }
    case nil:
      throw DataError(.notFound, "nothing is stored here to copy", uri: source)
    }
  }

  public func upload(file path: String, to uri: DataURI) async throws(DataError) {
    let target = try localPath(of: uri)
    guard target != root else {
      throw DataError(.invalidURI, "cannot write to the data directory itself; name a file under it", uri: uri)
    }
    if stagedWrites.files.bytes(at: target) != nil {
      try stagedWrites.files.drain(under: target, owner: StagingOwner.current)
    }
    try LocalFiles.copyAtomically(from: path, to: target, uri: uri, durable: true)
    stagedWrites.files.dropFailed(at: target)
  }

  public func download(_ uri: DataURI, toFile path: String) async throws(DataError) {
    let source = try localPath(of: uri)
    try settle(under: source)
    guard LocalFiles.storedKind(of: source) == .file else {
      throw DataError(.notFound, "nothing is stored here to download", uri: uri)
    }
    try copyStored(source, uri: uri, to: path, uri: uri, durable: false)
  }

  /// Copies the stored file at `source` (opened without following links) to `target`.
  private func copyStored(
    _ source: String, uri sourceURI: DataURI, to target: String, uri: DataURI, durable: Bool
  ) throws(DataError) {
    try LocalFiles.copyStored(path: source, root: root, uri: sourceURI, to: target, targetURI: uri, durable: durable)
  }

  /// Puts staged files under `path` on disk first, for operations that work on the files.
  private func settle(under path: String) throws(DataError) {
    if stagedWrites.files.hasPending(under: path) {
      try stagedWrites.files.drain(under: path, owner: StagingOwner.current)
    }
  }

  /// The local path a URI names, after checking the scheme, the form and the root.
  public func localPath(of uri: DataURI) throws(DataError) -> String {
    if let path = plainPath(of: uri) { return path }
    guard let scheme = uri.scheme else {
      throw DataError(
        .unsupportedScheme, "expected a file:// URI under \(root), got text without a scheme", uri: uri)
    }
    guard scheme == "file" else {
      throw DataError(
        .unsupportedScheme,
        "the local data store serves only file:// URIs, not \(scheme)://; configure an object store for it",
        uri: uri)
    }
    let path = uri.afterScheme
    guard path.hasPrefix("/") else {
      throw DataError(.invalidURI, "a file:// URI must hold an absolute path (file:///…), with no host", uri: uri)
    }
    var components: [Substring] = []
    for component in path.split(separator: "/") {
      guard component != ".", component != ".." else {
        throw DataError(.invalidURI, "'.' and '..' are not allowed in data URIs", uri: uri)
      }
      components.append(component)
    }
    let normalized = "/" + components.joined(separator: "/")
    guard normalized == root || normalized.hasPrefix(root == "/" ? "/" : root + "/") else {
      throw DataError(.outsideRoot, "the path is outside the data directory \(root)", uri: uri)
    }
    return normalized
  }

  /// The path of `file://<root>/<a>/<b>…` when every component is plain (not empty, `.` or
  /// `..`): the common case, checked in one pass without splitting; nil sends the URI through
  /// the full check.
  private func plainPath(of uri: DataURI) -> String? {
    let text = uri.rawValue.utf8
    let prefix = "file://".utf8
    guard text.starts(with: prefix) else { return nil }
    let path = text[text.index(text.startIndex, offsetBy: prefix.count)...]
    guard path.starts(with: root.utf8) else { return nil }
    var rest = path[path.index(path.startIndex, offsetBy: root.utf8.count)...]
    guard rest.first == UInt8(ascii: "/") else { return nil }
    rest = rest.dropFirst()
    var componentLength = 0
    var dots = 0
    for byte in rest {
      if byte == UInt8(ascii: "/") {
        guard componentLength > 0, dots != componentLength || dots > 2 else { return nil }
        componentLength = 0
        dots = 0
      } else {
        componentLength += 1
        if byte == UInt8(ascii: ".") { dots += 1 }
      }
    }
    guard componentLength > 0, dots != componentLength || dots > 2 else { return nil }
    return String(path)
  }
}
