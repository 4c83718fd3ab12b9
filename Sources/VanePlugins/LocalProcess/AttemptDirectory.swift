import FlyteIDL
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The working directory of one attempt, `<work root>/<unique id>/`, and the files through which
/// the plugin, the wrapper shell and a restarted engine agree on what happened:
///
/// | file | written by | meaning |
/// | --- | --- | --- |
/// | `launch` | plugin, exclusively, before spawning | the attempt was started once; never again |
/// | `started` | plugin before spawning, a warm leader, or `abort`, exclusively | `cold`, `warm <fork server pid>` or `aborted`: who runs the task, if anyone |
/// | `pid` | wrapper shell or warm leader, first thing | the leader's pid, for an engine that died before `process` |
/// | `process` | plugin after spawning; a warm leader itself | `<pid> <start time>`, see `ProcessRecord` |
/// | `exit` | wrapper shell or warm leader (or plugin) when the command ends | see `TaskExit` |
/// | `stdout.log`, `stderr.log` | the task | its output |
/// | `tmp/` | the task | its `TMPDIR` |
///
/// The task's own files (unpacked code, caches) also land here: it is the process's current
/// directory.
struct AttemptDirectory: Hashable, Sendable {
  let path: String

  init(path: String) { self.path = path }

  /// `<root>/<unique id>`, with characters outside `[A-Za-z0-9._-]` replaced so the id can never
  /// name another directory.
  init(root: String, uniqueID: String) {
    var name = String(uniqueID.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
    if name.isEmpty || name.allSatisfy({ $0 == "." }) { name = "_" + name }
    let base = root.hasSuffix("/") ? String(root.dropLast()) : root
    self.path = base + "/" + name
  }

  var launchMarker: String { path + "/launch" }
  var startClaim: String { path + "/started" }
  var shellPIDFile: String { path + "/pid" }
  var processFile: String { path + "/process" }
  var exitFile: String { path + "/exit" }
  var stdoutLog: String { path + "/stdout.log" }
  var stderrLog: String { path + "/stderr.log" }
  var temporaryDirectory: String { path + "/tmp" }

  /// The attempt's logs as Flyte task logs (`file://` URIs).
  var logs: [Flyteidl_Core_TaskLog] {
    [("stdout", stdoutLog), ("stderr", stderrLog)].map { name, file in
      var log = Flyteidl_Core_TaskLog()
      log.name = name
      log.uri = "file://" + file
      log.showWhilePending = true
      return log
    }
  }

  /// Creates the directory and its `tmp/`.
  func create() throws {
    try FileManager.default.createDirectory(atPath: temporaryDirectory, withIntermediateDirectories: true)
  }

  /// Creates the `launch` marker; false when it already exists (someone started this attempt).
  func claimLaunch() throws -> Bool {
    let descriptor = open(launchMarker, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    if descriptor < 0 {
      if errno == EEXIST { return false }
      throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
    close(descriptor)
    return true
  }

  /// Creates the `started` claim saying `how`; false when a warm leader claimed the attempt
  /// first (after its fork server failed to answer, the plugin falls back to a cold start).
  func claimStart(_ how: String) -> Bool {
    let descriptor = open(startClaim, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    // Another error (a full disk) does not stop the attempt; a missing directory does.
    guard descriptor >= 0 else { return errno != EEXIST && errno != ENOENT }
    _ = (how + "\n").withCString { write(descriptor, $0, strlen($0)) }
    close(descriptor)
    return true
  }

  /// `cold`, `warm <fork server pid>`, or nil before the attempt's process was started.
  var startedHow: String? {
    readText(startClaim)?.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  var hasLaunchMarker: Bool { FileManager.default.fileExists(atPath: launchMarker) }

  /// Seconds from when the `launch` marker was created until `now`, nil without one.
  func launchMarkerAge(now: Date) -> Double? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: launchMarker),
      let created = attributes[.modificationDate] as? Date
    else { return nil }
    return now.timeIntervalSince(created)
  }

  /// The recorded exit status, nil while the process has not ended.
  func recordedExit() -> TaskExit? {
    readText(exitFile).flatMap { TaskExit(fileText: $0) }
  }

  /// Records an exit status unless one is already there.
  func recordExit(_ status: TaskExit) {
    guard recordedExit() == nil else { return }
    writeAtomically(status.fileText, to: exitFile)
  }

  /// The `process` file's record.
  func processRecord() -> ProcessRecord? {
    readText(processFile).flatMap { ProcessRecord(fileText: $0, workDirectory: path) }
  }

  func recordProcess(_ record: ProcessRecord) {
    writeAtomically(record.fileText, to: processFile)
  }

  /// The pid the wrapper shell wrote, if any.
  func shellPID() -> Int32? {
    readText(shellPIDFile).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
  }

  /// The bookkeeping files are a few bytes each.
  static let largestRecord = 4096

  /// The text of one bookkeeping file, nil when it is missing or not to be trusted. The task
  /// runs in this directory and can replace any of them: a link is not followed, a FIFO does
  /// not block the open, only a regular file of at most `largestRecord` bytes is read.
  private func readText(_ file: String) -> String? {
    let descriptor = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= Self.largestRecord else {
      return nil
    }
    var buffer = [UInt8](repeating: 0, count: Self.largestRecord)
    var filled = 0
    while filled < buffer.count {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { break }
      filled += count
    }
    return String(decoding: buffer[0..<filled], as: UTF8.self)
  }

  private func writeAtomically(_ text: String, to file: String) {
    try? Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
  }
}
