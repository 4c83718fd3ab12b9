import Synchronization

/// What one plugin instance knows in memory: the machine's resource pool, its fork servers, the
/// attempts being launched right now, and the processes it started (spawned, or forked by its
/// fork servers) whose end it will be told of. Everything else lives in the attempts' work
/// directories, so a new instance (after a restart) starts empty and re-attaches from disk.
final class LocalProcessRuntime: Sendable {
  private struct State {
    var launching: Set<String> = []
    var children: [String: Int32] = [:]
  }

  /// The pid of a child that is being forked and whose pid is not known yet.
  static let pendingChild: Int32 = -1

  let pool: ResourcePool
  let warm: WarmStarts
  private let state = Mutex(State())

  init(capacity: ResourceAmount, warm: WarmStarts) {
    self.pool = ResourcePool(capacity: capacity)
    self.warm = warm
  }

  /// Marks attempt `id` as being launched by this instance; false when it already is.
  func beginLaunch(_ id: String) -> Bool {
    state.withLock { $0.launching.insert(id).inserted }
  }

  func endLaunch(_ id: String) {
    _ = state.withLock { $0.launching.remove(id) }
  }

  func isLaunching(_ id: String) -> Bool {
    state.withLock { $0.launching.contains(id) }
  }

  /// Records that attempt `id` runs as our child `pid` (a waiter thread reaps it).
  func addChild(_ id: String, pid: Int32) {
    state.withLock { $0.children[id] = pid }
  }

  /// Gives pending child `id` its pid, unless its end was already reported.
  func replaceChild(_ id: String, pendingWith pid: Int32) {
    state.withLock { state in
      if state.children[id] == Self.pendingChild { state.children[id] = pid }
    }
  }

  /// Forgets child `id` once it has been reaped and its exit recorded.
  func removeChild(_ id: String) {
    _ = state.withLock { $0.children.removeValue(forKey: id) }
  }

  /// Whether `pid` is our child for attempt `id` and has not been reaped yet.
  func isUnreapedChild(_ id: String, pid: Int32) -> Bool {
    state.withLock { $0.children[id] == pid }
  }
}
