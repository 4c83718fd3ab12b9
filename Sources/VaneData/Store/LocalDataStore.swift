public import Foundation

/// A `DataStore` for `file://` URIs under one local data directory (the embedded default).
///
/// Only URIs of the form `file://<path under root>` are served; other schemes, hosts, `.`/`..`
/// components and paths outside the root are rejected with a `DataError` before any file is
/// touched. Writes go to a hidden temporary file in the target's directory, are flushed with
/// `fsync`, then renamed over the target (and the directory is flushed), so a reader never sees
/// a partial file and a written file survives `kill -9` or a power cut. Temporary files are
/// never listed.
///
/// The file system calls block the calling thread; they are short and local.
public struct LocalDataStore: DataStore {
  /// The data directory every URI must lie under (absolute, without a trailing slash).
  public let root: String

  /// Creates a store rooted at `root`, an absolute or working-directory-relative path. The
  /// directory is created on the first write.
  public init(root: String) {
    let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
    let standardized = (absolute as NSString).standardizingPath
    self.root = standardized.count > 1 && standardized.hasSuffix("/") ? String(standardized.dropLast()) : standardized
  }

  /// The `file://` URI of the root directory, the base for `DataLayout`.
  public var rootURI: DataURI { DataURI(filePath: root) }

  public func read(_ uri: DataURI) async throws(DataError) -> Data {
    try LocalFiles.read(path: try localPath(of: uri), uri: uri)
  }

  public func write(_ data: Data, to uri: DataURI) async throws(DataError) {
    let path = try localPath(of: uri)
    guard path != root else {
      throw DataError(.invalidURI, "cannot write to the data directory itself; name a file under it", uri: uri)
    }
    try LocalFiles.writeAtomically(data, path: path, uri: uri)
  }

  public func exists(_ uri: DataURI) async throws(DataError) -> Bool {
    LocalFiles.kind(of: try localPath(of: uri)) != nil
  }

  public func list(prefix: DataURI) async throws(DataError) -> [DataURI] {
    let path = try localPath(of: prefix)
    return try LocalFiles.files(under: path, uri: prefix).map { DataURI(filePath: $0) }
  }

  public func delete(_ uri: DataURI) async throws(DataError) {
    let path = try localPath(of: uri)
    guard path != root else {
      throw DataError(.invalidURI, "refusing to delete the whole data directory", uri: uri)
    }
    try LocalFiles.remove(path: path, uri: uri)
  }

  public func copy(from source: DataURI, to destination: DataURI) async throws(DataError) {
    let sourcePath = try localPath(of: source)
    let destinationPath = try localPath(of: destination)
    switch LocalFiles.kind(of: sourcePath) {
    case .file?:
      let data = try LocalFiles.read(path: sourcePath, uri: source)
      try LocalFiles.writeAtomically(data, path: destinationPath, uri: destination)
    case .directory?:
      for file in try LocalFiles.files(under: sourcePath, uri: source) {
        let relative = String(file.dropFirst(sourcePath.count))
        let target = DataURI(filePath: destinationPath).appending(relative)
        let data = try LocalFiles.read(path: file, uri: DataURI(filePath: file))
        try LocalFiles.writeAtomically(data, path: destinationPath + "/" + relative.trimmingSlashes, uri: target)
      }
    case nil:
      throw DataError(.notFound, "nothing is stored here to copy", uri: source)
    }
  }

  /// The local path a URI names, after checking the scheme, the form and the root.
  public func localPath(of uri: DataURI) throws(DataError) -> String {
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
}
