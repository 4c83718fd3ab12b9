import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Looks at processes by pid without being their parent, through `/proc` on Linux.
enum ProcessInspector {
  /// What `/proc/<pid>/stat` says about a process.
  struct Status: Equatable {
    /// The state letter (field 3): `R`, `S`, `D`, `Z` (zombie), `X` (dead), …
    var state: Character
    /// The start time in clock ticks since boot (field 22).
    var startTime: UInt64
  }

  /// The process's state and start time, nil when there is no such process.
  static func status(of pid: Int32) -> Status? {
    #if os(Linux)
    guard pid > 0, let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
    return parseStat(String(decoding: data, as: UTF8.self))
    #else
    guard pid > 0, kill(pid, 0) == 0 || errno == EPERM else { return nil }
    return Status(state: "S", startTime: 0)
    #endif
  }

  /// Reads the text of `/proc/<pid>/stat`. The command name (field 2) is in parentheses and may
  /// hold spaces and parentheses itself, so the fields are counted from the last `)`.
  static func parseStat(_ text: String) -> Status? {
    guard let close = text.lastIndex(of: ")") else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
    // fields[0] is field 3 (state); field 22 (start time) is fields[19].
    guard fields.count > 19, let state = fields[0].first, let start = UInt64(fields[19]) else { return nil }
    return Status(state: state, startTime: start)
  }

  /// Whether `record` still names a live process: same pid, same start time, not a zombie.
  static func isAlive(_ record: ProcessRecord) -> Bool {
    guard let status = status(of: record.pid) else { return false }
    guard status.state != "Z" && status.state != "X" else { return false }
    #if os(Linux)
    return status.startTime == record.startTime
    #else
    return true
    #endif
  }

  /// Whether process `pid` runs the wrapper of the attempt in `directory` (its arguments are
  /// `sh -c <script> vane-task <directory> …`). Used to adopt a process whose start time was
  /// never recorded.
  static func isWrapper(pid: Int32, of directory: AttemptDirectory) -> Bool {
    #if os(Linux)
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
    let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    return arguments.count > 4 && arguments[3] == ProcessSpawner.wrapperName && arguments[4] == directory.path
    #else
    return false
    #endif
  }
}
