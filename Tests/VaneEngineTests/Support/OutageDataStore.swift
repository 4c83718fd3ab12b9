import Foundation
import Synchronization
import VaneData

/// The harness's real local store behind a switch: while an outage is on, the reads and
/// existence checks it matches fail as an unreachable object store's do after every retry
/// (`DataError.Code.unavailable`), and each refusal is counted. Writes always go through.
final class OutageDataStore: DataStore {
  /// What a refused access was.
  enum Access: Sendable {
    case read
    case exists
  }

  typealias Match = @Sendable (Access, DataURI) -> Bool

  private struct State {
    var matches: Match?
    var refusals = 0
  }

  let base: LocalDataStore
  private let state = Mutex(State())

  init(_ base: LocalDataStore) {
    self.base = base
  }

  /// Refuses every access `matches` accepts until `comeBack()`.
  func goDown(where matches: @escaping Match) {
    state.withLock { $0.matches = matches }
  }

  func comeBack() {
    state.withLock { $0.matches = nil }
  }

  /// Accesses refused so far.
  var refusals: Int { state.withLock { $0.refusals } }

  private func check(_ access: Access, _ uri: DataURI) throws(DataError) {
    let refused = state.withLock { state -> Bool in
      guard let matches = state.matches, matches(access, uri) else { return false }
      state.refusals += 1
      return true
    }
    if refused {
      throw DataError(.unavailable, "the store did not answer (outage switched on by the test)", uri: uri)
    }
  }

  func read(_ uri: DataURI) async throws(DataError) -> Data {
    try check(.read, uri)
    return try await base.read(uri)
  }

  func exists(_ uri: DataURI) async throws(DataError) -> Bool {
    try check(.exists, uri)
    return try await base.exists(uri)
  }

  func write(_ data: Data, to uri: DataURI) async throws(DataError) { try await base.write(data, to: uri) }
  func stage(_ data: Data, to uri: DataURI) async throws(DataError) { try await base.stage(data, to: uri) }
  func flush() async throws(DataError) { try await base.flush() }
  func list(prefix: DataURI) async throws(DataError) -> [DataURI] { try await base.list(prefix: prefix) }
  func delete(_ uri: DataURI) async throws(DataError) { try await base.delete(uri) }

  func copy(from source: DataURI, to destination: DataURI) async throws(DataError) {
    try await base.copy(from: source, to: destination)
  }

  func upload(file path: String, to uri: DataURI) async throws(DataError) {
    try await base.upload(file: path, to: uri)
  }

  func download(_ uri: DataURI, toFile path: String) async throws(DataError) {
    try check(.read, uri)
    try await base.download(uri, toFile: path)
  }
}
