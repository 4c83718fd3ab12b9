import Synchronization

/// The machine's cpu and memory, handed out to attempts in arrival order.
///
/// An attempt that does not fit waits in a FIFO queue; when an attempt releases its share, the
/// queue is served from the front — as many as fit, stopping at the first that does not, so a
/// large request is never overtaken forever by small ones — and each served attempt has its share
/// reserved and its execution woken. Every operation is keyed by the attempt's unique id, so
/// repeating one is harmless.
final class ResourcePool: Sendable {
  /// The result of asking for a share.
  enum Outcome: Equatable {
    /// The share is reserved for the attempt.
    case acquired
    /// The attempt waits; `ahead` attempts are before it in the queue.
    case waiting(ahead: Int)
  }

  private struct Waiter {
    var id: String
    var amount: ResourceAmount
    var wakeUp: @Sendable () -> Void
  }

  private struct State {
    var free: ResourceAmount
    var allocations: [String: ResourceAmount] = [:]
    var queue: [Waiter] = []
  }

  /// The total the pool hands out.
  let capacity: ResourceAmount
  private let state: Mutex<State>

  init(capacity: ResourceAmount) {
    self.capacity = capacity
    self.state = Mutex(State(free: capacity))
  }

  /// Reserves `amount` for attempt `id` when it fits and nobody waits ahead of it; otherwise
  /// queues it (or refreshes its place) and calls `wakeUp` once its share has been reserved.
  func acquire(_ id: String, amount: ResourceAmount, wakeUp: @escaping @Sendable () -> Void) -> Outcome {
    let amount = amount.capped(at: capacity)
    return state.withLock { state in
      if state.allocations[id] != nil { return .acquired }
      if let index = state.queue.firstIndex(where: { $0.id == id }) {
        state.queue[index].wakeUp = wakeUp
        return .waiting(ahead: index)
      }
      if state.queue.isEmpty && state.free.contains(amount) {
        state.allocations[id] = amount
        state.free = state.free - amount
        return .acquired
      }
      state.queue.append(Waiter(id: id, amount: amount, wakeUp: wakeUp))
      return .waiting(ahead: state.queue.count - 1)
    }
  }

  /// Records that attempt `id` holds `amount` even if that overcommits the machine: for a
  /// process found running after a restart, which holds its share whatever the pool thinks.
  func adopt(_ id: String, amount: ResourceAmount) {
    let amount = amount.capped(at: capacity)
    state.withLock { state in
      guard state.allocations[id] == nil else { return }
      state.queue.removeAll { $0.id == id }
      state.allocations[id] = amount
      state.free = state.free - amount
    }
  }

  /// Frees what attempt `id` holds or stops it waiting, then serves the queue.
  func release(_ id: String) {
    let woken: [@Sendable () -> Void] = state.withLock { state in
      state.queue.removeAll { $0.id == id }
      if let amount = state.allocations.removeValue(forKey: id) {
        state.free = state.free + amount
      }
      var woken: [@Sendable () -> Void] = []
      while let first = state.queue.first, state.free.contains(first.amount) {
        state.queue.removeFirst()
        state.allocations[first.id] = first.amount
        state.free = state.free - first.amount
        woken.append(first.wakeUp)
      }
      return woken
    }
    for wakeUp in woken { wakeUp() }
  }

  /// What is not reserved now.
  var free: ResourceAmount { state.withLock { $0.free } }

  /// Whether attempt `id` holds a share.
  func holds(_ id: String) -> Bool { state.withLock { $0.allocations[id] != nil } }
}
