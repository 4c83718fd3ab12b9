import FlyteIDL
import VaneEngine
public import VaneModel
import VanePlugins

/// Why a Ray attempt could not start or did not finish well: a stable code, a message a user can
/// act on, and the attempt. Turned into a Flyte `ExecutionError` whose code is the plugin's own
/// spelling (`executionErrorCode`, e.g. `RayJobVanished`), as every Flyte plugin names its own
/// failures.
public struct RayPluginError: VaneError, Hashable {
  /// The stable kind of failure.
  public enum Code: String, Hashable, Sendable, CaseIterable {
    /// The task template has no container to run.
    case noContainer
    /// The task requests secrets, which are not delivered to Ray jobs (a job's environment is
    /// readable through Ray's job API).
    case secretsUnsupported
    /// The container command or arguments cannot be rendered.
    case invalidTemplate
    /// A cpu, gpu or memory request is not a quantity.
    case invalidResources
    /// The task's Ray configuration (`RayJobConfig`) cannot be read, e.g. a runtime env that is
    /// not a JSON or YAML object.
    case invalidTaskConfig
    /// Reading inputs or writing the task template failed.
    case dataAccess
    /// The job API refused the job as invalid.
    case rejected
    /// The job API could not be reached (or answered nonsense) for longer than allowed.
    case clusterUnreachable
    /// A job with the attempt's submission id exists but belongs to another execution.
    case submissionIDTaken
    /// The cluster no longer knows the attempt's job (deleted, or the cluster restarted).
    case jobVanished
    /// The entrypoint exited with a non-zero code.
    case nonZeroExit
    /// The entrypoint's command was not found or not executable (exit 127 or 126).
    case commandNotFound
    /// The entrypoint was killed by a signal.
    case killedBySignal
    /// The job's runtime environment could not be set up (e.g. a pip package that does not exist).
    case runtimeEnvironmentFailed
    /// No node of the cluster can ever give the entrypoint what it reserves.
    case unschedulable
    /// Ray lost the job: its node died, or its supervisor failed to start or died.
    case systemFailure
    /// The job was stopped by someone other than Vane (`ray job stop`, the dashboard).
    case stoppedOutside
  }

  public var code: Code
  public var message: String
  /// The attempt's unique id (the job's submission id), when known.
  public var attempt: String?

  public init(_ code: Code, _ message: String, attempt: String? = nil) {
    self.code = code
    self.message = message
    self.attempt = attempt
  }

  /// The same failure of a rendering step shared with the local process plugin.
  init(_ error: LocalProcessError) {
    let code: Code =
      switch error.code {
      case .noContainer: .noContainer
      case .invalidTemplate: .invalidTemplate
      case .invalidResources: .invalidResources
      case .dataAccess: .dataAccess
      default: .invalidTemplate
      }
    self.init(code, error.message, attempt: error.attempt)
  }

  /// The attempt's unique id (the job's submission id).
  public var location: String? { attempt }

  /// `Ray job <attempt>: <message>`, or the message alone.
  public var description: String { attempt.map { "Ray job \($0): \(message)" } ?? message }

  /// The `ExecutionError.code` the engine records (and events, `vane` and Flyte tools show).
  public var executionErrorCode: String {
    switch code {
    case .noContainer: "RayNoContainer"
    case .secretsUnsupported: "RaySecretsUnsupported"
    case .invalidTemplate: "RayInvalidTemplate"
    case .invalidResources: "RayInvalidResources"
    case .invalidTaskConfig: "RayInvalidTaskConfig"
    case .dataAccess: "RayDataAccess"
    case .rejected: "RayJobRejected"
    case .clusterUnreachable: "RayClusterUnreachable"
    case .submissionIDTaken: "RaySubmissionIdTaken"
    case .jobVanished: "RayJobVanished"
    case .nonZeroExit: "RayNonZeroExit"
    case .commandNotFound: "RayCommandNotFound"
    case .killedBySignal: "RayKilledBySignal"
    case .runtimeEnvironmentFailed: "RayRuntimeEnvSetupFailed"
    case .unschedulable: "RayUnschedulable"
    case .systemFailure: "RaySystemFailure"
    case .stoppedOutside: "RayJobStopped"
    }
  }

  /// The Flyte execution error for this failure.
  func executionError(kind: Flyteidl_Core_ExecutionError.ErrorKind) -> Flyteidl_Core_ExecutionError {
    .make(code: executionErrorCode, message: description, kind: kind)
  }
}
