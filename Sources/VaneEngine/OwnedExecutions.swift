import Synchronization
import VaneStore

/// The executions an engine took charge of: created, poked (resumed) or launched as child
/// executions by it. When several engines share one store without sharding — several
/// `vane run` processes on one data directory — each resyncs only these, so no engine runs
/// another's execution.
final class OwnedExecutions: Sendable {
  private let keys = Mutex<Set<ResourceKey>>([])

  func insert(_ key: ResourceKey) {
    _ = keys.withLock { $0.insert(key) }
  }

  func contains(_ key: ResourceKey) -> Bool {
    keys.withLock { $0.contains(key) }
  }
}
