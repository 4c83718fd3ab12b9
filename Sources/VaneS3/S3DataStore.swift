public import Foundation
public import VaneData

/// A `DataStore` for `s3://bucket/key` URIs in S3-compatible object storage (AWS S3, MinIO,
/// Ceph, R2, GCS's interoperable endpoint).
///
/// Keeps the protocol's semantics on a store without renames or appends:
/// - `write` is one `PutObject` (atomic in S3: readers see the old or the new object) with a
///   `Content-MD5` the server checks; objects at or above the multipart threshold and every
///   `upload(file:to:)` larger than it go up in parts.
/// - `stage` starts the PUT in the background and returns; the bytes answer this process's reads
///   at once, and `flush` returns once every write staged before it is stored — so the engine's
///   flush before a round commits means a committed status never names a missing object.
/// - Objects this process wrote are kept in memory (bounded) and never read back
///   (`WrittenObjects`); keys are deterministic, so a retried write replaces, never duplicates.
/// - Every request retries with jittered back-off on throttling, 5xx and dropped connections;
///   refusals name the operation and the bucket.
/// - Tasks write into the bucket, so what is stored there is untrusted: `read` returns at most
///   `maxObjectBytes` (the local store's limit), refused from the object's announced length
///   before its bytes are read.
public struct S3DataStore: DataStore {
  /// The client requests go through (its counter tells how many were sent).
  public let client: S3Client
  private let written: WrittenObjects
  private let pending = PendingWrites()
  /// The largest object `read` returns (and so the largest `outputs.pb`, `error.pb` or
  /// `futures.pb` a task can hand the engine).
  public let maxObjectBytes: Int

  /// A store over `client`.
  public init(client: S3Client, maxObjectBytes: Int = LocalDataStore.defaultMaxObjectBytes) {
    self.client = client
    self.maxObjectBytes = max(maxObjectBytes, 0)
    self.written = WrittenObjects(capacity: client.settings.cacheBytes, objectLimit: client.settings.cacheObjectLimit)
  }

  public func read(_ uri: DataURI) async throws(DataError) -> Data {
    let location = try S3Location(uri)
    try Self.requireKey(location)
    if let bytes = pending.bytes(location.uri.rawValue) ?? written.bytes(location.uri.rawValue) { return bytes }
    return try await client.getObject(at: location, limit: maxObjectBytes)
  }

  public func write(_ data: Data, to uri: DataURI) async throws(DataError) {
    let location = try S3Location(uri)
    try Self.requireKey(location)
    try await settle(location)
    try await put(data, at: location)
  }

  public func stage(_ data: Data, to uri: DataURI) async throws(DataError) {
    let location = try S3Location(uri)
    try Self.requireKey(location)
    let store = self
    pending.stage(data, key: location.uri.rawValue) { (bytes) throws(DataError) in
      try await store.put(bytes, at: location)
    }
  }

  public func flush() async throws(DataError) {
    let store = self
    try await pending.flush { (key, data) throws(DataError) in
      try await store.put(data, at: try S3Location(DataURI(key)))
    }
  }

  public func exists(_ uri: DataURI) async throws(DataError) -> Bool {
    let location = try S3Location(uri)
    try Self.requireKey(location)
    let key = location.uri.rawValue
    if pending.bytes(key) != nil || written.bytes(key) != nil { return true }
    return try await client.headObject(at: location) != nil
  }

  public func list(prefix: DataURI) async throws(DataError) -> [DataURI] {
    let location = try S3Location(prefix)
    try await settle(location)
    return try await keys(under: location).map { location.sibling(key: $0).uri }
  }

  public func delete(_ uri: DataURI) async throws(DataError) {
    let location = try S3Location(uri)
    guard !location.key.isEmpty else {
      throw DataError(.invalidURI, "refusing to delete a whole bucket; name a prefix in it", uri: uri)
    }
    try await settle(location)
    written.forget(under: location.uri.rawValue)
    let keys = try await keys(under: location)
    guard !keys.isEmpty else { return }
    try await client.deleteObjects(bucket: location.bucket, keys: keys)
  }

  public func copy(from source: DataURI, to destination: DataURI) async throws(DataError) {
    let from = try S3Location(source)
    let to = try S3Location(destination)
    guard to.bucket == from.bucket || !to.key.isEmpty else {
      throw DataError(.invalidURI, "name a key or prefix to copy to", uri: destination)
    }
    try await settle(from)
    try await settle(to)
    let keys = try await keys(under: from)
    guard !keys.isEmpty else { throw DataError(.notFound, "nothing is stored here to copy", uri: source) }
    written.forget(under: to.uri.rawValue)
    for key in keys {
      let target =
        key == from.key ? to : to.sibling(key: to.directoryPrefix + key.dropFirst(from.directoryPrefix.count))
      try await client.copyObject(from: from.sibling(key: key), to: target)
    }
  }

  public func upload(file path: String, to uri: DataURI) async throws(DataError) {
    let location = try S3Location(uri)
    try Self.requireKey(location)
    try await settle(location)
    written.forget(under: location.uri.rawValue)
    try await client.uploadFile(path, to: location)
  }

  public func download(_ uri: DataURI, toFile path: String) async throws(DataError) {
    let location = try S3Location(uri)
    try Self.requireKey(location)
    if let bytes = pending.bytes(location.uri.rawValue) ?? written.bytes(location.uri.rawValue) {
      guard FileManager.default.createFile(atPath: path + ".vane-part", contents: bytes),
        rename(path + ".vane-part", path) == 0
      else {
        throw DataError(.ioFailed, "could not write \(path)", uri: uri)
      }
      return
    }
    try await client.downloadFile(location, to: path)
  }

  /// Stores `data` (multipart when large) and keeps it for later reads.
  private func put(_ data: Data, at location: S3Location) async throws(DataError) {
    if data.count >= client.settings.multipartThreshold {
      try await client.putLarge(data, at: location)
    } else {
      try await client.putObject(data, at: location)
    }
    written.keep(data, for: location.uri.rawValue)
  }

  /// Waits for pending writes at or under `location`.
  private func settle(_ location: S3Location) async throws(DataError) {
    let key = location.uri.rawValue
    guard pending.hasPending(under: key) else { return }
    let store = self
    try await pending.settle(under: key) { (key, data) throws(DataError) in
      try await store.put(data, at: try S3Location(DataURI(key)))
    }
  }

  /// The keys of the object at `location` and of every object under `location/`.
  private func keys(under location: S3Location) async throws(DataError) -> [String] {
    let listed = try await client.listObjects(bucket: location.bucket, prefix: location.key)
    let directory = location.directoryPrefix
    return listed.filter { $0 == location.key || directory.isEmpty || $0.hasPrefix(directory) }
  }

  private static func requireKey(_ location: S3Location) throws(DataError) {
    guard !location.key.isEmpty, !location.key.hasSuffix("/") else {
      throw DataError(.invalidURI, "name an object (s3://bucket/key), not a bucket or a prefix", uri: location.uri)
    }
  }
}
