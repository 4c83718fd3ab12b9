import Synchronization
import VaneStore

/// The keys a `LeaseBook` asked their owners to run.
final class PokeLog: Sendable {
  private let state = Mutex<[ResourceKey]>([])

  var keys: [ResourceKey] { state.withLock { $0 } }

  func record(_ key: ResourceKey) {
    state.withLock { $0.append(key) }
  }
}
