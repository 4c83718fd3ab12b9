import Foundation

/// Staged writes of one data directory, written to disk by a background thread so the thread
/// that staged them goes on at once (a round's file work then runs on a second core).
///
/// Until a staged file is on disk, readers in this process get its bytes from here (`bytes`),
/// so staging is visible at once. The writer takes files first in, first out; each file queued
/// gets the next *position*, and `written` counts the positions the writer is done with, so
/// "everything queued before position p is on disk" is `written > p`. `drain` waits only for the
/// files its caller needs (the owner's, or those under a path) — never for files others stage
/// while it waits, which under a steady stream of stagings would be forever.
///
/// A write that fails stays pending with its error until a `drain` by its owner (see
/// `StagingOwner`) retries it on the caller's thread; if it fails again that drain throws and the
/// write is forgotten (its owner's round failed and stages it anew). Drains by other owners
/// neither retry nor throw for it. When too much is pending, the staging thread writes itself
/// instead of queueing.
///
/// Blocking: `drain` waits on a condition variable and writes files; callers in async code run it
/// off the cooperative pool (`LocalDataStore.flush`).
final class WriteBehind: @unchecked Sendable {
  /// Writes one file (not durably: `StagedWrites.flush` syncs the file system once for many).
  typealias FileWriter = @Sendable (_ data: Data, _ path: String, _ uri: DataURI) throws(DataError) -> Void

  private struct Pending {
    var data: Data
    var uri: DataURI
    var sequence: UInt64
    /// The sequence of the oldest staging of this path not yet on disk: a drain that began
    /// after it must wait for the path even when newer bytes replaced those.
    var since: UInt64
    /// Where the path waits in the writer's queue.
    var position: Int
    var owner: String?
    var failure: DataError?
  }

  // Everything below is guarded by `condition`.
  private let condition = NSCondition()
  private var pending: [String: Pending] = [:]
  private var queue: [String] = []
  private var head = 0
  /// The position of `queue[0]` (positions already dropped from the front).
  private var base = 0
  /// Positions the writer is done with: every file queued before it was written or failed.
  private var written = 0
  /// Files written on a caller's thread (queue full, retries), which a flush must sync too.
  private var directWrites = 0
  private var sequence: UInt64 = 0
  private var started = false
  /// Pending files beyond which `stage` writes on the caller's thread.
  private let limit: Int
  private let write: FileWriter

  init(
    limit: Int = 20_000,
    write: @escaping FileWriter = { (data, path, uri) throws(DataError) in
      try LocalFiles.writeAtomically(data, path: path, uri: uri, durable: false)
    }
  ) {
    self.limit = limit
    self.write = write
  }

  /// Queues `data` for `path`; false when the queue is full and the caller must write itself
  /// (and then call `wroteDirectly`).
  func stage(_ data: Data, path: String, uri: DataURI, owner: String?) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    let earlier = pending[path]
    // A path already pending is always taken (writing it here could be overtaken by the older bytes).
    guard earlier != nil || pending.count < limit else { return false }
    sequence += 1
    if let earlier, earlier.failure == nil {
      // Still queued (or being written): the writer picks up the newest bytes at its position.
      pending[path] = Pending(
        data: data, uri: uri, sequence: sequence, since: earlier.since, position: earlier.position, owner: owner)
    } else {
      pending[path] = Pending(
        data: data, uri: uri, sequence: sequence, since: sequence, position: base + queue.count, owner: owner)
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

  /// Counts a staged file the caller wrote itself.
  func wroteDirectly() {
    condition.lock()
    directWrites += 1
    condition.unlock()
  }

  /// How far writing has come: positions done and files written directly. A file system sync
  /// begun after reading this covers every file it counts.
  var progress: (positions: Int, directWrites: Int) {
    condition.lock()
    defer { condition.unlock() }
    return (written, directWrites)
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
    return pending.keys.contains { Self.path($0, isUnder: directory) }
  }

  /// Whether a file of `owner` is still pending (queued, being written, or failed).
  func hasPending(owner: String?) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    return pending.values.contains { $0.owner == owner }
  }

  /// Returns once every file `owner` staged before the call is on disk; throws when a failed
  /// write of `owner` fails again (and forgets that write). Files of other owners are waited for
  /// only as far as the writer's order puts them first.
  func drain(owner: String?) throws(DataError) {
    try drain(owner: owner) { _, item in item.owner == owner }
  }

  /// Returns once every file under `directory` staged before the call is on disk, whoever
  /// staged it; retries (and throws for) failed writes of `owner` there.
  func drain(under directory: String, owner: String?) throws(DataError) {
    try drain(owner: owner) { path, _ in Self.path(path, isUnder: directory) }
  }

  private func drain(owner: String?, _ matches: (String, Pending) -> Bool) throws(DataError) {
    condition.lock()
    let before = sequence
    // The furthest position a matching file staged before the call waits at. Recomputed once it
    // is passed: a path restaged while being written is queued again further on.
    func furthest() -> Int? {
      var furthest: Int?
      for (path, item) in pending where item.failure == nil && item.since <= before && matches(path, item) {
        furthest = max(furthest ?? item.position, item.position)
      }
      return furthest
    }
    while let target = furthest() {
      while written <= target { condition.wait() }
    }
    let failed = pending.filter {
      $0.value.failure != nil && $0.value.owner == owner && $0.value.since <= before && matches($0.key, $0.value)
    }
    condition.unlock()
    for (path, item) in failed.sorted(by: { $0.value.sequence < $1.value.sequence }) {
      do {
        try write(item.data, path, item.uri)
        wroteDirectly()
        forget(path, sequence: item.sequence)
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

  /// Drops a failed write whose owner was told (or whose retry landed), unless it was staged
  /// again meanwhile.
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
      let position = base + head
      head += 1
      if head > 4096, head * 2 > queue.count {
        queue.removeFirst(head)
        base += head
        head = 0
      }
      if let item = pending[path], item.failure == nil, item.position == position {
        condition.unlock()
        var failure: DataError?
        do {
          try write(item.data, path, item.uri)
        } catch {
          failure = error
        }
        condition.lock()
        settleLocked(path, sequence: item.sequence, failure: failure)
      }
      written = position + 1
      condition.broadcast()
    }
  }

  /// Forgets `path` once the written version is the latest; a newer staging is queued again.
  private func settleLocked(_ path: String, sequence: UInt64, failure: DataError?) {
    guard let current = pending[path] else { return }
    if current.sequence != sequence {
      pending[path]?.position = base + queue.count
      queue.append(path)
      return
    }
    if let failure {
      pending[path]?.failure = failure
    } else {
      pending[path] = nil
    }
  }

  private static func path(_ path: String, isUnder directory: String) -> Bool {
    path == directory || path.hasPrefix(directory + "/")
  }
}
