import FlyteIDL
import Synchronization
import VaneData

/// Execution plans of compiled dynamic subgraphs by the URI of their stored closure, kept
/// across rounds so a dynamic node with thousands of children is not rebuilt on every visit.
/// A stored closure never changes (its URI names the execution, node and attempt), so an
/// entry never goes stale; the oldest entries are dropped beyond `capacity`.
final class DynamicPlanCache: Sendable {
  private struct Entries {
    var plans: [String: ExecutionPlan] = [:]
    var order: [String] = []
  }

  private let capacity: Int
  private let entries = Mutex(Entries())

  init(capacity: Int = 256) {
    self.capacity = max(1, capacity)
  }

  /// The plan of the closure stored at `uri`, read and prepared on first use.
  func plan(at uri: DataURI, dataStore: any DataStore) async throws(DataError) -> ExecutionPlan {
    if let cached = entries.withLock({ $0.plans[uri.rawValue] }) { return cached }
    let closure = try await dataStore.readMessage(Flyteidl_Core_CompiledWorkflowClosure.self, from: uri)
    let plan = ExecutionPlan(closure)
    remember(plan, at: uri)
    return plan
  }

  /// Adds a plan just compiled, so its first visit does not read it back.
  func remember(_ plan: ExecutionPlan, at uri: DataURI) {
    entries.withLock { entries in
      if entries.plans.updateValue(plan, forKey: uri.rawValue) == nil { entries.order.append(uri.rawValue) }
      while entries.order.count > capacity {
        entries.plans.removeValue(forKey: entries.order.removeFirst())
      }
    }
  }

  /// The plan at `uri` if it is cached; never reads.
  func cachedPlan(at uri: String) -> ExecutionPlan? {
    entries.withLock { $0.plans[uri] }
  }
}
