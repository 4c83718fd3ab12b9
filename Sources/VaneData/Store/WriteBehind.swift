import Foundation

/// Staged writes of one data directory, written to disk by a background thread so the thread
/// that staged them goes on at once (a round's file work then runs on a second core).
///
/// Until a staged file is on disk, readers in this process get its bytes from here (`bytes`),
/// so staging is visible at once; `drain` waits until every staged file is on disk. A write
/// that fails stays pending with its error until a `drain` by its owner (see `StagingOwner`)
/// retries it on the caller's thread; if it fails again that drain throws and the write is
/// forgotten (its owner's round failed and stages it anew). Drains by other owners neither
/// retry nor throw for it. When too much is pending, the staging thread writes itself instead
/// of queueing.
final class WriteBehind: @unchecked Sendable {
  private struct Pending {
    var data: Data
    var uri: DataURI
    var sequence: UInt64
    var owner: String?
    var failure: DataError?
  }

  // Everything below is guarded by `condition`.
  private let condition = NSCondition()
  private var pending: [String: Pending] = [:]
  private var queue: [String] = []
  private var head = 0
  private var sequence: UInt64 = 0
  /// Pending files not yet written and not failed, including the one being written.
  private var outstanding = 0
  private var started = false
  /// Pending files beyond which `stage` writes on the caller's thread.
  private let limit: Int

  init(limit: Int = 20_000) {
    self.limit = limit
  }

  /// Queues `data` for `path`; false when the queue is full and the caller must write itself.
  func stage(_ data: Data, path: String, uri: DataURI, owner: String?) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    let earlier = pending[path]
    // A path already pending is always taken (writing it here could be overtaken by the older bytes).
    guard earlier != nil || pending.count < limit else { return false }
    sequence += 1
    pending[path] = Pending(data: data, uri: uri, sequence: sequence, owner: owner)
    if earlier == nil || earlier?.failure != nil {
      outstanding += 1
      queue.append(path)
    }
    if !started {
      started = true
      let thread = Thread { [self] in run() }
      thread.name = "vane-write-behind"
      thread.start()
    }
    condition.broadcast()
    return true
  }

  /// The staged bytes of `path` not yet on disk, if any.
  func bytes(at path: String) -> Data? {
    condition.lock()
    defer { condition.unlock() }
    return pending[path]?.data
  }

  /// Whether a file under `directory` (or `directory` itself) is still pending.
  func hasPending(under directory: String) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    return pending.keys.contains { $0 == directory || $0.hasPrefix(directory + "/") }
  }

  /// Returns once every file staged before the call is on disk, except failed writes of other
  /// owners; throws when a failed write of `owner` fails again (and forgets that write).
  func drain(owner: String?) throws(DataError) {
    condition.lock()
    while outstanding > 0 { condition.wait() }
    let failed = pending.filter { $0.value.failure != nil && $0.value.owner == owner }
    condition.unlock()
    for (path, item) in failed.sorted(by: { $0.value.sequence < $1.value.sequence }) {
      do {
        try LocalFiles.writeAtomically(item.data, path: path, uri: item.uri, durable: false)
        settle(path, sequence: item.sequence, failure: nil)
      } catch {
        forget(path, sequence: item.sequence)
        throw error
      }
    }
  }

  /// Drops a failed write of `path` that a direct write replaced (its bytes must no longer be
  /// served from here).
  func dropFailed(at path: String) {
    condition.lock()
    defer { condition.unlock() }
    if pending[path]?.failure != nil { pending[path] = nil }
  }

  /// Drops a failed write whose owner was told, unless it was staged again meanwhile.
  private func forget(_ path: String, sequence: UInt64) {
    condition.lock()
    defer { condition.unlock() }
    if pending[path]?.sequence == sequence { pending[path] = nil }
  }

  private func run() {
    condition.lock()
    while true {
      while head == queue.count { condition.wait() }
      let path = queue[head]
      head += 1
      if head > 4096, head * 2 > queue.count {
        queue.removeFirst(head)
        head = 0
      }
      guard let item = pending[path], item.failure == nil else { continue }
      condition.unlock()
      var failure: DataError?
      do {
        try LocalFiles.writeAtomically(item.data, path: path, uri: item.uri, durable: false)
      } catch {
        failure = error
      }
      condition.lock()
      settleLocked(path, sequence: item.sequence, failure: failure)
    }
  }

  private func settle(_ path: String, sequence: UInt64, failure: DataError?) {
    condition.lock()
    settleLocked(path, sequence: sequence, failure: failure)
    condition.unlock()
  }

  /// Forgets `path` once the written version is the latest; a newer staging is queued again.
  private func settleLocked(_ path: String, sequence: UInt64, failure: DataError?) {
    guard let current = pending[path] else { return }
    if current.sequence != sequence {
      if current.failure == nil, !queue[head...].contains(path) { queue.append(path) }
      return
    }
    let wasOutstanding = current.failure == nil
    if let failure {
      pending[path]?.failure = failure
    } else {
      pending[path] = nil
    }
    if wasOutstanding {
      outstanding -= 1
      if outstanding == 0 { condition.broadcast() }
    }
  }
}
