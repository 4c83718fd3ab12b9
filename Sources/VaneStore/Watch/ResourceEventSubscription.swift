import Synchronization

/// One watcher's buffer: the keys with undelivered changes, in the order they first changed,
/// each holding only its newest event.
///
/// Policy — newest per key wins: while the watcher is behind, a second change to a key
/// replaces the first in place instead of queueing behind it. A watcher that keeps up sees
/// every event; one that falls behind sees, per key, a subsequence ending at the newest
/// version, and versions of one key never go backwards. The buffer holds at most one entry per
/// key with pending changes, so it is bounded by the number of resources, and a publisher never
/// waits for a watcher.
final class ResourceEventSubscription: Sendable {
  private struct Buffer: ~Copyable {
    var order: [ResourceKey] = []
    var head = 0
    var latest: [ResourceKey: ResourceEvent] = [:]
    var waiter: CheckedContinuation<ResourceEvent?, Never>?
    var finished = false

    mutating func popFirst() -> ResourceEvent? {
      while head < order.count {
        let key = order[head]
        head += 1
        if let event = latest.removeValue(forKey: key) {
          if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
          }
          return event
        }
      }
      order.removeAll(keepingCapacity: true)
      head = 0
      return nil
    }
  }

  private let buffer = Mutex(Buffer())

  /// Hands `event` to a waiting watcher, or buffers it under the newest-per-key policy.
  func offer(_ event: ResourceEvent) {
    let waiter = buffer.withLock { buffer -> CheckedContinuation<ResourceEvent?, Never>? in
      if buffer.finished { return nil }
      if let waiter = buffer.waiter {
        buffer.waiter = nil
        return waiter
      }
      if let previous = buffer.latest[event.key] {
        if event.version >= previous.version { buffer.latest[event.key] = event }
      } else {
        buffer.latest[event.key] = event
        buffer.order.append(event.key)
      }
      return nil
    }
    waiter?.resume(returning: event)
  }

  /// The next event; `nil` once finished and drained, or at once when the task is cancelled.
  func next() async -> ResourceEvent? {
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<ResourceEvent?, Never>) in
        let ready = buffer.withLock { buffer -> ResourceEvent?? in
          if let event = buffer.popFirst() { return .some(event) }
          if buffer.finished || Task.isCancelled { return .some(nil) }
          buffer.waiter = continuation
          return nil
        }
        if let ready { continuation.resume(returning: ready) }
      }
    } onCancel: {
      cancel()
    }
  }

  /// Stops accepting events; the watcher drains what is buffered, then its stream ends.
  func finish() {
    let waiter = buffer.withLock { buffer -> CheckedContinuation<ResourceEvent?, Never>? in
      buffer.finished = true
      defer { buffer.waiter = nil }
      return buffer.waiter
    }
    waiter?.resume(returning: nil)
  }

  /// Drops what is buffered and ends the stream now.
  func cancel() {
    let waiter = buffer.withLock { buffer -> CheckedContinuation<ResourceEvent?, Never>? in
      buffer.finished = true
      buffer.latest.removeAll()
      buffer.order.removeAll()
      buffer.head = 0
      defer { buffer.waiter = nil }
      return buffer.waiter
    }
    waiter?.resume(returning: nil)
  }
}
