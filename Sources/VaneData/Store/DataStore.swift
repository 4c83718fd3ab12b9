public import Foundation

/// Bytes at rest, addressed by URI: the node data directories (`inputs.pb`, `outputs.pb`,
/// `error.pb`, …) and raw data (files, directories, dataframes).
///
/// Implementations: `LocalDataStore` for `file://` URIs under a data directory, `S3DataStore`
/// (module VaneS3) for `s3://bucket/key` in S3-compatible object storage. Every operation reports
/// failures as a `DataError` carrying the URI.
///
/// Semantics every implementation keeps:
/// - `write` is atomic: a reader sees the old bytes or the new bytes, never a part; once it
///   returns, the bytes survive a crash of the process.
/// - `list(prefix:)` returns the URIs of stored objects (not directories) under a prefix,
///   sorted; an empty prefix gives an empty list.
/// - `delete` removes an object or everything under a prefix; deleting nothing is not an error.
/// - `stage` is as atomic as `write` and visible to readers through the store at once, but may
///   return before the bytes are durable or visible to other processes; `flush` returns once
///   every write staged before it began is durable (and so readable by any process). The engine stages a round's
///   node data and flushes once before it commits the round, instead of flushing every file.
/// - `upload(file:to:)` and `download(_:toFile:)` move whole files of any size with bounded
///   memory; an upload is as atomic and durable as `write`, and a download leaves either the
///   complete object at the path or nothing new there.
public protocol DataStore: Sendable {
  /// The bytes stored at `uri`; `DataError.Code.notFound` when nothing is there.
  func read(_ uri: DataURI) async throws(DataError) -> Data
  /// Stores `data` at `uri` atomically and durably, replacing what was there.
  func write(_ data: Data, to uri: DataURI) async throws(DataError)
  /// Stores `data` at `uri` atomically; durable only after the next `flush()`.
  func stage(_ data: Data, to uri: DataURI) async throws(DataError)
  /// Makes every staged write durable.
  func flush() async throws(DataError)
  /// Whether an object is stored at `uri`.
  func exists(_ uri: DataURI) async throws(DataError) -> Bool
  /// The objects stored under `prefix`, sorted.
  func list(prefix: DataURI) async throws(DataError) -> [DataURI]
  /// Removes the object at `uri`, or every object under it when it is a prefix.
  func delete(_ uri: DataURI) async throws(DataError)
  /// Copies the object at `source` to `destination`, or every object under the `source` prefix
  /// to the same relative place under `destination`.
  func copy(from source: DataURI, to destination: DataURI) async throws(DataError)
  /// Stores the local file at `path` at `uri`, streamed (memory stays bounded whatever its size).
  func upload(file path: String, to uri: DataURI) async throws(DataError)
  /// Writes the object at `uri` to the local file at `path`, streamed; the file appears whole
  /// or not at all.
  func download(_ uri: DataURI, toFile path: String) async throws(DataError)
}

extension DataStore {
  /// A store whose writes are durable when they return stages by writing.
  public func stage(_ data: Data, to uri: DataURI) async throws(DataError) {
    try await write(data, to: uri)
  }

  /// Nothing to flush when every write is durable on return.
  public func flush() async throws(DataError) {}
}
