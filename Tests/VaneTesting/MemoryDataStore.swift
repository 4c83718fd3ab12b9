public import Foundation
import Synchronization
public import VaneData

/// A `DataStore` in memory, for tests that need node data but no files: every URI is just a
/// key. A test can make operations on chosen URIs fail (`failing(_:with:)`) to see how the code
/// under test reports a store that breaks.
public final class MemoryDataStore: DataStore, Sendable {
  /// Which operations an injected failure applies to.
  public enum Operation: Sendable, Hashable {
    case read, write, exists
  }

  private struct State {
    var objects: [DataURI: Data] = [:]
    var failures: [DataURI: (Set<Operation>, DataError.Code)] = [:]
    var flushes = 0
  }

  private let state = Mutex(State())

  /// Where `DataLayout` roots its paths in this store.
  public let rootURI: DataURI

  public init(rootURI: DataURI = DataURI(filePath: "/vane-memory")) {
    self.rootURI = rootURI
  }

  /// Makes `operations` on `uri` fail with `code` from now on.
  public func failing(
    _ uri: DataURI, _ operations: Set<Operation> = [.read, .write, .exists], with code: DataError.Code
  ) {
    state.withLock { $0.failures[uri] = (operations, code) }
  }

  /// Every stored URI, sorted.
  public var uris: [DataURI] { state.withLock { $0.objects.keys.sorted() } }

  /// How often `flush()` was called.
  public var flushes: Int { state.withLock { $0.flushes } }

  public func read(_ uri: DataURI) async throws(DataError) -> Data {
    try check(.read, uri)
    guard let data = state.withLock({ $0.objects[uri] }) else {
      throw DataError(.notFound, "nothing is stored here", uri: uri)
    }
    return data
  }

  public func write(_ data: Data, to uri: DataURI) async throws(DataError) {
    try check(.write, uri)
    state.withLock { $0.objects[uri] = data }
  }

  public func flush() async throws(DataError) {
    state.withLock { $0.flushes += 1 }
  }

  public func exists(_ uri: DataURI) async throws(DataError) -> Bool {
    try check(.exists, uri)
    return state.withLock { $0.objects[uri] != nil }
  }

  public func list(prefix: DataURI) async throws(DataError) -> [DataURI] {
    guard !prefix.rawValue.isEmpty else { return [] }
    return state.withLock { $0.objects.keys.filter { $0.rawValue.hasPrefix(prefix.rawValue) }.sorted() }
  }

  public func delete(_ uri: DataURI) async throws(DataError) {
    state.withLock { state in
      for key in state.objects.keys where key == uri || key.rawValue.hasPrefix(uri.rawValue + "/") {
        state.objects[key] = nil
      }
    }
  }

  public func copy(from source: DataURI, to destination: DataURI) async throws(DataError) {
    try check(.read, source)
    state.withLock { state in
      for (key, data) in state.objects where key == source || key.rawValue.hasPrefix(source.rawValue + "/") {
        state.objects[DataURI(destination.rawValue + key.rawValue.dropFirst(source.rawValue.count))] = data
      }
    }
  }

  public func upload(file path: String, to uri: DataURI) async throws(DataError) {
    try check(.write, uri)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DataError(.ioFailed, "cannot read the local file \(path)", uri: uri)
    }
    state.withLock { $0.objects[uri] = data }
  }

  public func download(_ uri: DataURI, toFile path: String) async throws(DataError) {
    let data = try await read(uri)
    do {
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw DataError(.ioFailed, "cannot write the local file \(path): \(error)", uri: uri)
    }
  }

  private func check(_ operation: Operation, _ uri: DataURI) throws(DataError) {
    guard let (operations, code) = state.withLock({ $0.failures[uri] }), operations.contains(operation) else { return }
    throw DataError(code, "injected \(operation) failure", uri: uri)
  }
}
