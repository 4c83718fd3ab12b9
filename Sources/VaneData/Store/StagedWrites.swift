import Foundation
import Synchronization

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// The staged (not yet flushed) writes under one data directory, shared by every
/// `LocalDataStore` on that directory in the process, so a flush by one covers the stages of all.
///
/// Staged files go to disk from a background thread (`WriteBehind`). A flush waits for them,
/// then is a group commit: it notes how many stages happened before it began, syncs the file
/// system once, and marks those stages durable; a flush that finds nothing new returns without
/// a system call.
final class StagedWrites: Sendable {
  private struct Counts {
    var staged: UInt64 = 0
    var flushed: UInt64 = 0
  }

  private let counts = Mutex(Counts())
  private let root: String
  /// The staged files not yet on disk.
  let files = WriteBehind()

  private init(root: String) {
    self.root = root
  }

  private static let byRoot = Mutex<[String: StagedWrites]>([:])

  /// The ledger of the data directory `root`.
  static func ledger(root: String) -> StagedWrites {
    byRoot.withLock { ledgers in
      if let ledger = ledgers[root] { return ledger }
      let ledger = StagedWrites(root: root)
      ledgers[root] = ledger
      return ledger
    }
  }

  /// Records one staged write (after its bytes were handed to the kernel).
  func staged() {
    counts.withLock { $0.staged += 1 }
  }

  /// Makes every write staged so far durable; throws for failed writes of the current
  /// `StagingOwner` only.
  func flush() throws(DataError) {
    try files.drain(owner: StagingOwner.current)
    let target = counts.withLock { $0.staged > $0.flushed ? $0.staged : nil }
    guard let target else { return }
    try Self.syncFileSystem(of: root)
    counts.withLock { $0.flushed = max($0.flushed, target) }
  }

  /// Syncs the file system holding `path`: `syncfs(2)` on Linux (one call for every dirty file
  /// and directory), `sync(2)` where that is missing.
  private static func syncFileSystem(of path: String) throws(DataError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw DataError(
        .ioFailed, "could not open the data directory to flush it: \(String(cString: strerror(errno)))",
        uri: DataURI(filePath: path))
    }
    defer { close(descriptor) }
    guard let syncfs = syncfsFunction else {
      sync()
      return
    }
    guard syncfs(descriptor) == 0 else {
      throw DataError(
        .ioFailed, "could not flush the data directory: \(String(cString: strerror(errno)))",
        uri: DataURI(filePath: path))
    }
  }

  private typealias SyncFS = @convention(c) (Int32) -> Int32

  /// `syncfs` from the C library, looked up once (Swift's Glibc module does not declare it).
  private static let syncfsFunction: SyncFS? = {
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "syncfs") else { return nil }
    return unsafeBitCast(symbol, to: SyncFS.self)
  }()
}
