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
/// | `pid` | wrapper shell, first thing | the wrapper's pid, for an engine that died before `process` |
/// | `process` | plugin, after spawning | `<pid> <start time>`, see `ProcessRecord` |
/// | `exit` | wrapper shell (or plugin) when the command ends | see `TaskExit` |
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

  var hasLaunchMarker: Bool { FileManager.default.fileExists(atPath: launchMarker) }

  /// Seconds since the `launch` marker was created, nil without one.
  var launchMarkerAge: Double? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: launchMarker),
      let created = attributes[.modificationDate] as? Date
    else { return nil }
    return Date().timeIntervalSince(created)
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

  private func readText(_ file: String) -> String? {
    guard let data = FileManager.default.contents(atPath: file) else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  private func writeAtomically(_ text: String, to file: String) {
    try? Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
  }
}
