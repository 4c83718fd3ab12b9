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
/// Staged files go to disk from a background thread (`WriteBehind`). A flush waits for the
/// caller's files, then is a group commit: it reads how far writing has come, syncs the file
/// system once, and records that every file counted then is durable; a flush whose files a sync
/// already covered returns without a system call. The progress is read after the wait and before
/// the sync, so only files on disk when the sync began are ever taken as durable — a file staged
/// meanwhile (by anyone) is not.
final class StagedWrites: Sendable {
  /// A sync of the data directory (`syncfs(2)` in production).
  typealias FileSystemSync = @Sendable (_ root: String) throws(DataError) -> Void

  /// What the last successful sync covered (`WriteBehind.progress` read before it began).
  private struct Synced {
    var positions = 0
    var directWrites = 0
  }

  private let synced = Mutex(Synced())
  private let root: String
  private let syncRoot: FileSystemSync
  /// The staged files not yet on disk.
  let files: WriteBehind

  init(
    root: String, files: WriteBehind = WriteBehind(),
    sync: @escaping FileSystemSync = { (root) throws(DataError) in try StagedWrites.syncFileSystem(of: root) }
  ) {
    self.root = root
    self.files = files
    self.syncRoot = sync
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

  /// Whether a flush by `owner` has nothing to do: none of its files pending and everything
  /// written so far covered by a sync. Never blocks, so callers can skip the hop to a thread
  /// that may.
  func isFlushed(owner: String?) -> Bool {
    guard !files.hasPending(owner: owner) else { return false }
    let progress = files.progress
    return synced.withLock { $0.positions >= progress.positions && $0.directWrites >= progress.directWrites }
  }

  /// Makes every write `owner` staged so far durable (and whatever else is on disk by then);
  /// throws for failed writes of `owner` only. Blocks: waits for the writer, then syncs.
  func flush(owner: String?) throws(DataError) {
    try files.drain(owner: owner)
    let progress = files.progress
    let covered = synced.withLock {
      $0.positions >= progress.positions && $0.directWrites >= progress.directWrites
    }
    guard !covered else { return }
    try syncRoot(root)
    synced.withLock {
      $0.positions = max($0.positions, progress.positions)
      $0.directWrites = max($0.directWrites, progress.directWrites)
    }
  }

  /// Syncs the file system holding `path`: `syncfs(2)` on Linux (one call for every dirty file
  /// and directory), `sync(2)` where that is missing.
  static func syncFileSystem(of path: String) throws(DataError) {
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
