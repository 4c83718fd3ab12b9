import FlyteIDL
import VaneEngine
public import VaneModel

/// Why a local process attempt could not start or did not finish well: a stable code, a message
/// a user can act on, and the attempt it concerns. Turned into a Flyte `ExecutionError` for the
/// engine, whose code is the plugin's own spelling (`executionErrorCode`, e.g.
/// `LocalProcessVanished`), as every Flyte plugin names its own failures.
public struct LocalProcessError: VaneError, Hashable {
  /// The stable kind of failure.
  public enum Code: String, Hashable, Sendable, CaseIterable {
    /// The task template has no container to run.
    case noContainer
    /// The container command or arguments cannot be rendered (missing input, missing code archive).
    case invalidTemplate
    /// A cpu or memory request is not a quantity.
    case invalidResources
    /// A secret the task requests is not configured for its project, or cannot be read.
    case secretUnavailable
    /// Reading inputs or writing the task template failed.
    case dataAccess
    /// The work directory or the process could not be created.
    case launchFailed
    /// The process exited with a non-zero code.
    case nonZeroExit
    /// The command was not found or not executable (exit 127 or 126).
    case commandNotFound
    /// The process was killed by a signal.
    case killedBySignal
    /// The process is gone without leaving an exit status (the machine or the engine died).
    case processVanished
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

  /// The attempt's unique id.
  public var location: String? { attempt }

  /// `<attempt>: <message>`, or the message alone.
  public var description: String { attempt.map { "\($0): \(message)" } ?? message }

  /// The `ExecutionError.code` the engine records: `Local` and the code's name
  /// (`LocalProcessVanished` for `processVanished`).
  public var executionErrorCode: String {
    "Local" + code.rawValue.prefix(1).uppercased() + code.rawValue.dropFirst()
  }

  /// The Flyte execution error for this failure, user or system by its nature.
  func executionError(kind: Flyteidl_Core_ExecutionError.ErrorKind) -> Flyteidl_Core_ExecutionError {
    .make(code: executionErrorCode, message: description, kind: kind)
  }
}
