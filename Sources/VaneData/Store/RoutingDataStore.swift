public import Foundation

/// A `DataStore` that hands each URI to the store of its scheme (`file` → a `LocalDataStore`,
/// `s3` → an `S3DataStore`, …), so one engine reads and writes wherever a spec points: a
/// metadata prefix in a bucket, a raw output prefix elsewhere, a code archive on local disk.
///
/// A copy between schemes goes through a local temporary file (streamed, bounded memory);
/// `flush` flushes every store.
public struct RoutingDataStore: DataStore {
  /// The store of each scheme (lower case).
  public let stores: [String: any DataStore]

  /// Routes `scheme → store`.
  public init(_ stores: [String: any DataStore]) {
    self.stores = stores
  }

  private func store(for uri: DataURI) throws(DataError) -> any DataStore {
    guard let scheme = uri.scheme, let store = stores[scheme] else {
      let served = stores.keys.sorted().map { "\($0)://" }.joined(separator: ", ")
      throw DataError(
        .unsupportedScheme, "no data store is configured for this URI; this engine serves \(served)", uri: uri)
    }
    return store
  }

  public func read(_ uri: DataURI) async throws(DataError) -> Data { try await store(for: uri).read(uri) }

  public func write(_ data: Data, to uri: DataURI) async throws(DataError) {
    try await store(for: uri).write(data, to: uri)
  }

  public func stage(_ data: Data, to uri: DataURI) async throws(DataError) {
    try await store(for: uri).stage(data, to: uri)
  }

  public func flush() async throws(DataError) {
    for store in stores.values { try await store.flush() }
  }

  public func exists(_ uri: DataURI) async throws(DataError) -> Bool { try await store(for: uri).exists(uri) }

  public func list(prefix: DataURI) async throws(DataError) -> [DataURI] {
    try await store(for: prefix).list(prefix: prefix)
  }

  public func delete(_ uri: DataURI) async throws(DataError) { try await store(for: uri).delete(uri) }

  public func copy(from source: DataURI, to destination: DataURI) async throws(DataError) {
    let from = try store(for: source)
    let to = try store(for: destination)
    if source.scheme == destination.scheme {
      try await from.copy(from: source, to: destination)
      return
    }
    let objects = try await from.list(prefix: source)
    guard !objects.isEmpty else { throw DataError(.notFound, "nothing is stored here to copy", uri: source) }
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("vane-copy-\(UUID().uuidString)").path
    defer { unlink(temporary) }
    for object in objects {
      let relative = String(object.rawValue.dropFirst(source.rawValue.count))
      try await from.download(object, toFile: temporary)
      try await to.upload(file: temporary, to: relative.isEmpty ? destination : destination.appending(relative))
    }
  }

  public func upload(file path: String, to uri: DataURI) async throws(DataError) {
    try await store(for: uri).upload(file: path, to: uri)
  }

  public func download(_ uri: DataURI, toFile path: String) async throws(DataError) {
    try await store(for: uri).download(uri, toFile: path)
  }
}
