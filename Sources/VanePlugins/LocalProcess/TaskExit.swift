import FlyteIDL
import Foundation
import VaneEngine

/// How an attempt's process ended, as recorded in its work directory's `exit` file:
/// `<code>` written by the wrapper shell when the command ends (a shell reports a command killed
/// by signal N as 128+N), `signal <N>` written by the engine when the wrapper itself was killed,
/// or `error <text>` when the process could not be started.
enum TaskExit: Hashable, Sendable {
  case exited(Int32)
  case signaled(Int32)
  case launchFailed(String)

  /// Reads the file's text; nil when it is incomplete or malformed.
  init?(fileText: String) {
    let text = fileText.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.hasPrefix("error ") {
      self = .launchFailed(String(text.dropFirst(6)))
    } else if text.hasPrefix("signal "), let signal = Int32(text.dropFirst(7)) {
      self = .signaled(signal)
    } else if let code = Int32(text) {
      // A shell reports "killed by signal N" as 128+N. `pyflyte-fast-execute` runs the task in
      // a child and exits with the child's negative return code, which the kernel truncates
      // to 256-N; 255 stays a plain exit (`exit(-1)` is common and SIGHUP is not).
      if code > 128 && code < 128 + 32 {
        self = .signaled(code - 128)
      } else if code > 256 - 32 && code < 255 {
        self = .signaled(256 - code)
      } else {
        self = .exited(code)
      }
    } else {
      return nil
    }
  }

  /// The text to store for this status.
  var fileText: String {
    switch self {
    case .exited(let code): "\(code)\n"
    case .signaled(let signal): "signal \(signal)\n"
    case .launchFailed(let message): "error \(message)\n"
    }
  }

  /// The verdict on the attempt. A zero exit is success (flytekit exits 0 even when user code
  /// failed; the engine then reads `error.pb`). A signal is a retryable system error; a non-zero
  /// exit a retryable user error (the task's own program failed), except 126/127 — the command
  /// is missing or not executable, which no retry fixes.
  func transition(
    uniqueID: String, state: PluginState?, logs: [Flyteidl_Core_TaskLog]
  ) -> PluginTransition {
    switch self {
    case .exited(0):
      return .success(state: state, logs: logs)
    case .exited(let code) where code == 126 || code == 127:
      let error = LocalProcessError(
        .commandNotFound,
        "the task's command was not found or is not executable (exit \(code)); check the image's "
          + "environment in the local process configuration and stderr.log", attempt: uniqueID)
      return .permanentFailure(error.executionError(kind: .user), state: state, logs: logs)
    case .exited(let code):
      let error = LocalProcessError(
        .nonZeroExit, "the task process exited with code \(code); see stderr.log", attempt: uniqueID)
      return .retryableFailure(error.executionError(kind: .user), state: state, logs: logs)
    case .signaled(let signal):
      let error = LocalProcessError(
        .killedBySignal, "the task process was killed by \(Self.signalName(signal))", attempt: uniqueID)
      return .retryableFailure(error.executionError(kind: .system), state: state, logs: logs)
    case .launchFailed(let message):
      let error = LocalProcessError(.launchFailed, "the task process could not start: \(message)", attempt: uniqueID)
      return .retryableFailure(error.executionError(kind: .system), state: state, logs: logs)
    }
  }

  /// `SIGKILL` for 9, …; `signal N` for numbers without a portable name.
  static func signalName(_ signal: Int32) -> String {
    let names: [Int32: String] = [
      1: "SIGHUP", 2: "SIGINT", 3: "SIGQUIT", 4: "SIGILL", 5: "SIGTRAP", 6: "SIGABRT", 8: "SIGFPE", 9: "SIGKILL",
      11: "SIGSEGV", 13: "SIGPIPE", 14: "SIGALRM", 15: "SIGTERM",
    ]
    #if os(Linux)
    let platform: [Int32: String] = [
      7: "SIGBUS", 10: "SIGUSR1", 12: "SIGUSR2", 24: "SIGXCPU", 25: "SIGXFSZ", 31: "SIGSYS",
    ]
    #else
    let platform: [Int32: String] = [
      10: "SIGBUS", 30: "SIGUSR1", 31: "SIGUSR2", 24: "SIGXCPU", 25: "SIGXFSZ", 12: "SIGSYS",
    ]
    #endif
    return names[signal] ?? platform[signal] ?? "signal \(signal)"
  }
}
