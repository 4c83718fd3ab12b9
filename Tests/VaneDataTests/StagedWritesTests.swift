import Foundation
import Testing
import VaneTesting

@testable import VaneData

/// Flushes wait for their caller's staged files only, take as durable only what was on disk when
/// their sync began, and block no cooperative thread (issue #9). The background writer is held
/// at a gate for one file, so what a flush waits for is decided by the test, not by timing.
@Suite struct StagedWritesTests {
  /// A gate threads block at until the test opens it.
  final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = false

    func open() {
      condition.lock()
      isOpen = true
      condition.broadcast()
      condition.unlock()
    }

    /// Waits until open; false when `deadline` passed first (a failing test must still end).
    @discardableResult
    func wait(until deadline: Date? = nil) -> Bool {
      condition.lock()
      defer { condition.unlock() }
      while !isOpen {
        // No `.distantFuture`: Foundation on Linux traps converting it to a timespec.
        guard let deadline else {
          condition.wait()
          continue
        }
        if !condition.wait(until: deadline) { return isOpen }
      }
      return true
    }
  }

  /// A ledger whose writer holds every file named `held` at `gate`, and which counts syncs.
  struct Ledger: Sendable {
    let ledger: StagedWrites
    let syncs: Locked<Int>

    init(root: String, held: String, gate: Gate, onSync: @escaping @Sendable (Int) -> Void = { _ in }) {
      let files = WriteBehind { (data, path, uri) throws(DataError) in
        if path.hasSuffix("/" + held) { gate.wait() }
        try LocalFiles.writeAtomically(data, path: path, uri: uri, durable: false)
      }
      let syncs = Locked(0)
      self.syncs = syncs
      ledger = StagedWrites(root: root, files: files) { _ in
        onSync(
          syncs.withLock { count in
            count += 1
            return count
          })
      }
    }

    func stage(_ name: String, in directory: TemporaryDirectory, owner: String) {
      let path = directory.path + "/" + name
      #expect(ledger.files.stage(Data(name.utf8), path: path, uri: DataURI(filePath: path), owner: owner))
    }
  }

  @Test func aFlushDoesNotWaitForAnotherOwnersLaterFiles() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let gate = Gate()
    let ledger = Ledger(root: directory.path, held: "b.pb", gate: gate)
    ledger.stage("a.pb", in: directory, owner: "A")
    ledger.stage("b.pb", in: directory, owner: "B")  // holds the writer until the gate opens

    let flushed = Gate()
    let failure = Locked<DataError?>(nil)
    Thread {
      do throws(DataError) {
        try ledger.ledger.flush(owner: "A")
      } catch {
        failure.withLock { $0 = error }
      }
      flushed.open()
    }.start()
    // Before, the flush waited for every staged file, B's too: it returned only once the gate
    // opened (here: never, but for the bound that keeps a failing run finite).
    let returned = flushed.wait(until: Date().addingTimeInterval(60))
    gate.open()
    #expect(returned, "A's flush waited for B's file")
    #expect(failure.value == nil)
    #expect(FileManager.default.contents(atPath: directory.path + "/a.pb") == Data("a.pb".utf8))
    #expect(ledger.syncs.value == 1)

    // B's file landed after that sync began: B's flush syncs again.
    try ledger.ledger.flush(owner: "B")
    #expect(FileManager.default.contents(atPath: directory.path + "/b.pb") == Data("b.pb".utf8))
    #expect(ledger.syncs.value == 2)
    // Nothing new: no sync.
    try ledger.ledger.flush(owner: "B")
    #expect(ledger.syncs.value == 2)
  }

  /// A file staged and written while a sync runs was not on disk when it began: the next flush
  /// must sync again, whoever staged it.
  @Test func aFileWrittenDuringASyncIsSyncedAgain() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let box = Locked<Ledger?>(nil)
    let ledger = Ledger(root: directory.path, held: "never", gate: Gate()) { count in
      guard count == 1, let ledger = box.value else { return }
      ledger.stage("c.pb", in: directory, owner: "C")
      try? ledger.ledger.files.drain(owner: "C")  // on disk before this sync returns
    }
    box.withLock { $0 = ledger }
    ledger.stage("a.pb", in: directory, owner: "A")
    try ledger.ledger.flush(owner: "A")
    #expect(ledger.syncs.value == 1)
    try ledger.ledger.flush(owner: "A")
    #expect(ledger.syncs.value == 2, "c.pb was taken as durable without a sync after it landed")
  }

  /// Flushes waiting for the writer must leave the cooperative pool free: before, eight of them
  /// blocked its threads (one per core) and nothing else in the process ran until they ended.
  @Test func waitingFlushesBlockNoCooperativeThread() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let gate = Gate()
    let ledger = Ledger(root: directory.path, held: "slow.pb", gate: gate)
    let store = LocalDataStore(root: directory.path, stagedWrites: ledger.ledger)
    try await StagingOwner.$current.withValue("X") { () async throws in
      try await store.stage(Data("slow".utf8), to: store.rootURI.appending("slow.pb"))
    }
    // Opens the gate after a bound if the pool stays blocked, so a failing run ends.
    let timedOut = Locked(false)
    let progressed = Gate()
    Thread {
      if !progressed.wait(until: Date().addingTimeInterval(60)) { timedOut.withLock { $0 = true } }
      gate.open()
    }.start()
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<8 {
        group.addTask { try await StagingOwner.$current.withValue("X") { try await store.flush() } }
      }
      // Needs a cooperative thread while all eight flushes wait.
      let answer = await Task.detached { 6 * 7 }.value
      #expect(answer == 42)
      progressed.open()
      try await group.waitForAll()
    }
    #expect(!timedOut.value, "the waiting flushes held every cooperative thread")
    #expect(FileManager.default.contents(atPath: directory.path + "/slow.pb") == Data("slow".utf8))
  }
}
