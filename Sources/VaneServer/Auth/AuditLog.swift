import Foundation
import Synchronization
public import VaneAdmin

#if canImport(Glibc)
import Glibc
#endif

/// Where audit records go.
public protocol AuditSink: Sendable {
  func record(_ record: AuditRecord)
}

/// The audit log: one JSON line per record in `<data dir>/audit/audit.log` (mode 0600),
/// appended with one `write(2)` per record so lines from concurrent calls never interleave.
/// Bounded: when the file passes `maxBytes` it becomes `audit.log.1` (older ones shift to
/// `.2` … and the one past `keptFiles` is deleted), so the log never takes more than
/// `maxBytes × (keptFiles + 1)`.
public final class AuditLog: AuditSink {
  public let path: String
  public let maxBytes: Int
  public let keptFiles: Int
  private struct State {
    var fd: Int32
    var size: Int
  }
  private let state: Mutex<State>

  /// `<data dir>/audit/audit.log`.
  public static func path(dataDirectory: String) -> String { dataDirectory + "/audit/audit.log" }

  public init(path: String, maxBytes: Int = 64 << 20, keptFiles: Int = 4) throws(AuthError) {
    self.path = path
    self.maxBytes = max(maxBytes, 4096)
    self.keptFiles = max(keptFiles, 1)
    try PrivateFile.ensureDirectory((path as NSString).deletingLastPathComponent)
    let fd = try Self.open(path)
    state = Mutex(State(fd: fd, size: Int(max(0, lseek(fd, 0, SEEK_END)))))
  }

  deinit {
    _ = state.withLock { close($0.fd) }
  }

  public func record(_ record: AuditRecord) {
    let line = Array((record.jsonLine + "\n").utf8)
    state.withLock { state in
      if state.size + line.count > maxBytes { rotate(&state) }
      let written = line.withUnsafeBytes { Glibc.write(state.fd, $0.baseAddress, $0.count) }
      if written > 0 { state.size += written }
    }
  }

  private func rotate(_ state: inout State) {
    close(state.fd)
    unlink("\(path).\(keptFiles)")
    for index in stride(from: keptFiles - 1, through: 1, by: -1) {
      rename("\(path).\(index)", "\(path).\(index + 1)")
    }
    rename(path, "\(path).1")
    state.fd = (try? Self.open(path)) ?? -1
    state.size = 0
  }

  private static func open(_ path: String) throws(AuthError) -> Int32 {
    let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw AuthError(.storage, "cannot open the audit log: \(String(cString: strerror(errno)))", at: path)
    }
    return fd
  }
}
