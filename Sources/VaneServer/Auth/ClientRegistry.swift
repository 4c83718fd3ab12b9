import Foundation
import Synchronization
public import VaneAdmin
public import VaneModel

/// The clients file as a running server sees it: read once, then re-read when its modification
/// time changes (checked at most once per `recheck`), so `vane auth …` edits take effect
/// within a second and a revoked client's next call fails.
public final class ClientRegistry: Sendable {
  private struct State {
    var directory: ClientDirectory
    var modified: Date?
    var checked: WallTime
  }

  private let path: String
  private let recheck: Duration
  private let clock: any WallClock
  private let state: Mutex<State>

  /// Loads `<data dir>/auth/clients.json`.
  public convenience init(
    dataDirectory: String, recheck: Duration = .seconds(1), clock: any WallClock = SystemClock()
  ) throws(AuthError) {
    try self.init(path: ClientDirectory.path(dataDirectory: dataDirectory), recheck: recheck, clock: clock)
  }

  /// Loads the clients file at `path`.
  public init(path: String, recheck: Duration = .seconds(1), clock: any WallClock = SystemClock()) throws(AuthError) {
    self.path = path
    self.recheck = recheck
    self.clock = clock
    let directory = try ClientDirectory.load(path: path)
    state = Mutex(State(directory: directory, modified: Self.modified(path), checked: clock.now))
  }

  /// The current directory (re-read first when the file changed).
  public var directory: ClientDirectory {
    refreshIfChanged(force: false)
    return state.withLock { $0.directory }
  }

  /// Re-reads the file now when it changed (token requests call this: they are rare and must
  /// see a client created a moment ago).
  public func refresh() { refreshIfChanged(force: true) }

  /// The roles of a Vane client, or nil when it does not exist (any more).
  public func roles(ofClient id: String) -> [String: Role]? {
    guard let client = directory.clients[id], client.issuer == nil else { return nil }
    return client.roles
  }

  /// The roles granted to an external issuer's subject; empty when none were granted.
  public func roles(ofSubject subject: String, issuer: String) -> [String: Role] {
    guard let client = directory.clients[subject], client.issuer == issuer else { return [:] }
    return client.roles
  }

  private func refreshIfChanged(force: Bool) {
    let now = clock.now
    let due = state.withLock { state in
      guard force || state.checked.duration(to: now) >= recheck else { return false }
      state.checked = now
      return true
    }
    guard due else { return }
    let modified = Self.modified(path)
    guard modified != state.withLock({ $0.modified }) else { return }
    // A file being replaced or unreadable keeps the last good directory.
    guard let directory = try? ClientDirectory.load(path: path) else { return }
    state.withLock { state in
      state.directory = directory
      state.modified = modified
    }
  }

  private static func modified(_ path: String) -> Date? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
  }
}
