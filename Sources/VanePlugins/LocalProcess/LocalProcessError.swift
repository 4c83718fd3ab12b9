import FlyteIDL
import VaneEngine

/// Why a local process attempt could not start or did not finish well: a stable code, a message
/// a user can act on, and the attempt it concerns. Turned into a Flyte `ExecutionError` for the
/// engine.
public struct LocalProcessError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The stable kind of failure; also the `ExecutionError.code` the engine records.
  public enum Code: String, Hashable, Sendable, CaseIterable {
    /// The task template has no container to run.
    case noContainer = "LocalNoContainer"
    /// The container command or arguments cannot be rendered (missing input, missing code archive).
    case invalidTemplate = "LocalInvalidTemplate"
    /// A cpu or memory request is not a quantity.
    case invalidResources = "LocalInvalidResources"
    /// Reading inputs or writing the task template failed.
    case dataAccess = "LocalDataAccess"
    /// The work directory or the process could not be created.
    case launchFailed = "LocalLaunchFailed"
    /// The process exited with a non-zero code.
    case nonZeroExit = "LocalNonZeroExit"
    /// The command was not found or not executable (exit 127 or 126).
    case commandNotFound = "LocalCommandNotFound"
    /// The process was killed by a signal.
    case killedBySignal = "LocalKilledBySignal"
    /// The process is gone without leaving an exit status (the machine or the engine died).
    case processVanished = "LocalProcessVanished"
  }

  /// The stable kind of failure.
  public var code: Code
  /// What happened and what to do about it.
  public var message: String
  /// The attempt's unique id, when known.
  public var attempt: String?

  /// Creates an error.
  public init(_ code: Code, _ message: String, attempt: String? = nil) {
    self.code = code
    self.message = message
    self.attempt = attempt
  }

  public var description: String { attempt.map { "\($0): \(message)" } ?? message }

  /// The Flyte execution error for this failure, user or system by its nature.
  func executionError(kind: Flyteidl_Core_ExecutionError.ErrorKind) -> Flyteidl_Core_ExecutionError {
    .make(code: code.rawValue, message: description, kind: kind)
  }
}
