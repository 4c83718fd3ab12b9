import FlyteIDL
import Foundation

/// How a failed or stopped Ray job counts for Flyte: the error code and message, whether it is
/// the task's fault (user) or the platform's (system), and whether another attempt may help.
///
/// | Ray says | Flyte error |
/// | --- | --- |
/// | `JOB_ENTRYPOINT_COMMAND_ERROR`, exit 126/127 | user, not retryable: the command is missing |
/// | `JOB_ENTRYPOINT_COMMAND_ERROR`, killed by a signal | system, retryable |
/// | `JOB_ENTRYPOINT_COMMAND_ERROR`, other exit | user, retryable (counts against `retries`) |
/// | `RUNTIME_ENV_SETUP_FAILURE` | user, retryable: the task's runtime env (pip, …) |
/// | `JOB_SUPERVISOR_ACTOR_START_FAILURE` | user, not retryable: Ray refused what the job asks (an invalid runtime env or reservation) |
/// | `JOB_SUPERVISOR_ACTOR_START_FAILURE`, "failed to get job supervisor" | system, retryable: Ray's monitor lost a job that ended quickly |
/// | `JOB_SUPERVISOR_ACTOR_UNSCHEDULABLE` | user, not retryable: no node can fit the entrypoint |
/// | `JOB_SUPERVISOR_ACTOR_DIED` (its node was lost), other supervisor failures, none given | system, retryable |
/// | `STOPPED` (by someone other than Vane) | system, not retryable |
struct RayJobFailure: Hashable, Sendable {
  var code: RayPluginError.Code
  var message: String
  var kind: Flyteidl_Core_ExecutionError.ErrorKind
  var retryable: Bool

  /// The failure of a job Ray reports as `FAILED` or `STOPPED`.
  init(_ details: RayJobDetails) {
    let said = details.message.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
    let why = said.isEmpty ? "" : ": \(Self.shortened(said))"
    if details.status == .stopped {
      self.init(.stoppedOutside, "the Ray job was stopped outside Vane\(why)", kind: .system, retryable: false)
      return
    }
    switch details.errorType {
    case "JOB_ENTRYPOINT_COMMAND_ERROR"?:
      self = Self.exited(details.driverExitCode ?? 1)
    case nil where (details.driverExitCode ?? 0) != 0:
      // An older Ray without error types: the exit code says it.
      self = Self.exited(details.driverExitCode ?? 1)
    case "RUNTIME_ENV_SETUP_FAILURE"?:
      self.init(
        .runtimeEnvironmentFailed, "the job's runtime environment could not be set up\(why)", kind: .user,
        retryable: true)
    case "JOB_SUPERVISOR_ACTOR_UNSCHEDULABLE"?:
      self.init(
        .unschedulable, "no node of the Ray cluster can run the entrypoint with the resources it asks for\(why)",
        kind: .user, retryable: false)
    case "JOB_SUPERVISOR_ACTOR_START_FAILURE"? where said.contains(Self.lostSupervisor):
      // Ray's job monitor did not find the supervisor of a job that already ran (it ended before
      // the monitor's first look, on a busy cluster) and overwrote the job's own outcome: Ray
      // lost track of the job, which says nothing about the task.
      self.init(
        .systemFailure, "Ray lost track of the job (its monitor never saw the supervisor)\(why)", kind: .system,
        retryable: true)
    case "JOB_SUPERVISOR_ACTOR_START_FAILURE"?:
      // Ray fails the start synchronously when it validates the job's options.
      self.init(.rejected, "Ray could not start the job\(why)", kind: .user, retryable: false)
    case "JOB_SUPERVISOR_ACTOR_DIED"?:
      self.init(
        .systemFailure, "Ray lost the job (its node died or its supervisor crashed)\(why)", kind: .system,
        retryable: true)
    case let type?:
      self.init(.systemFailure, "Ray failed the job (\(type))\(why)", kind: .system, retryable: true)
    case nil:
      self.init(.systemFailure, "Ray failed the job\(why)", kind: .system, retryable: true)
    }
  }

  /// Ray's message when its job monitor cannot find a job's supervisor after the job left
  /// `PENDING` (Ray 2.x `JobManager`).
  static let lostSupervisor = "failed to get job supervisor"

  init(_ code: RayPluginError.Code, _ message: String, kind: Flyteidl_Core_ExecutionError.ErrorKind, retryable: Bool) {
    self.code = code
    self.message = message
    self.kind = kind
    self.retryable = retryable
  }

  /// The verdict on an entrypoint that exited with `code` (Ray reports a signal N as -N).
  static func exited(_ code: Int) -> RayJobFailure {
    switch code {
    case 126, 127:
      RayJobFailure(
        .commandNotFound,
        "the task's command was not found or is not executable on the Ray node (exit \(code)); check the image's "
          + "environment in the Ray configuration and the job's log", kind: .user, retryable: false)
    case let signal where signal < 0:
      RayJobFailure(
        .killedBySignal, "the task was killed by signal \(-signal) on the Ray node", kind: .system, retryable: true)
    case let shell where shell > 128 && shell < 128 + 32:
      // The entrypoint's shell reports a command killed by signal N as 128+N.
      RayJobFailure(
        .killedBySignal, "the task was killed by signal \(shell - 128) on the Ray node", kind: .system,
        retryable: true)
    default:
      RayJobFailure(
        .nonZeroExit, "the task exited with code \(code); see the job's log", kind: .user, retryable: true)
    }
  }

  /// Ray's messages can hold a whole traceback: the part before it, or else its last lines, say
  /// what happened.
  static func shortened(_ text: String) -> String {
    if let traceback = text.range(of: "Full traceback:") {
      let before = text[..<traceback.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
      if !before.isEmpty { return before }
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    guard lines.count > 6 else { return text }
    return "… " + lines.suffix(6).joined(separator: "\n")
  }
}
