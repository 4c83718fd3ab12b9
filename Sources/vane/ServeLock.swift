import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `<data dir>/serve.lock`: one `vane serve` per data directory. The lock is an exclusive
/// `flock` held for the life of the process (the kernel drops it however the process ends, so
/// a crash leaves no stale lock); the file holds the holder's pid for the message a second
/// server prints before it touches anything — the store, the written `config.yaml` — and exits 75.
final class ServeLock {
  let path: String
  private let descriptor: Int32

  /// Takes the lock in `dataDirectory` (created if missing), or throws naming the holder.
  init(dataDirectory: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
    } catch {
      throw CLIFailure.failed("\(dataDirectory): cannot create the data directory: \(error.localizedDescription)")
    }
    let path = dataDirectory + "/serve.lock"
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
    guard descriptor >= 0 else {
      throw CLIFailure.failed("\(path): cannot open the lock file: \(String(cString: strerror(errno)))")
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      let failure = errno
      let holder = Self.holder(descriptor)
      close(descriptor)
      guard failure == EWOULDBLOCK else {
        throw CLIFailure.failed("\(path): cannot lock: \(String(cString: strerror(failure)))")
      }
      throw CLIFailure.busy(
        "vane serve: the data directory \(dataDirectory) is in use by another vane serve"
          + (holder.map { " (pid \($0))" } ?? "") + "; stop it or pass another --data-dir")
    }
    self.path = path
    self.descriptor = descriptor
    let text = "\(getpid())\n"
    _ = ftruncate(descriptor, 0)
    _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
  }

  /// The pid the holder wrote, if it is a number (read at most 32 bytes).
  private static func holder(_ descriptor: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = pread(descriptor, &buffer, buffer.count, 0)
    guard count > 0 else { return nil }
    return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }

  deinit { close(descriptor) }
}
