public import FlyteIDL

/// A plugin's verdict on one attempt after one `handle` call. Built only through the named
/// constructors so every verdict is well-formed.
public struct PluginTransition: Sendable {
  /// Where the attempt is.
  public enum Phase: Sendable, Equatable {
    /// Waiting for something outside the attempt, e.g. free cpu or memory on the machine.
    case waitingForResources
    /// Accepted and about to start.
    case queued
    /// Started and not finished.
    case running
    /// Ran to completion; the engine now reads its outputs.
    case success
    /// Failed in a way another attempt may fix (counts against the user or system budget by
    /// the error's kind).
    case retryableFailure(Flyteidl_Core_ExecutionError)
    /// Failed in a way no retry will fix.
    case permanentFailure(Flyteidl_Core_ExecutionError)

    /// The attempt ended, one way or the other.
    public var isTerminal: Bool {
      switch self {
      case .success, .retryableFailure, .permanentFailure: true
      case .waitingForResources, .queued, .running: false
      }
    }
  }

  public let phase: Phase
  /// The state to store for the next call; nil keeps the stored state.
  public let state: PluginState?
  /// A human-readable reason, shown in progress output and events.
  public let reason: String
  /// Where the attempt's logs can be read.
  public let logs: [Flyteidl_Core_TaskLog]
  /// Wake the execution up after this long even if the plugin does not call
  /// `context.wakeUp()` (for work the plugin can only poll).
  public let wakeUpAfter: Duration?
  /// For a success: the outputs, when an in-process plugin hands them back in memory instead
  /// of writing `outputs.pb`; the engine stores them (for map items, many to a file).
  public private(set) var outputs: Flyteidl_Core_LiteralMap? = nil

  private init(
    phase: Phase, state: PluginState?, reason: String, logs: [Flyteidl_Core_TaskLog], wakeUpAfter: Duration?
  ) {
    self.phase = phase
    self.state = state
    self.reason = reason
    self.logs = logs
    self.wakeUpAfter = wakeUpAfter
  }

  public static func waitingForResources(
    _ reason: String, state: PluginState? = nil, wakeUpAfter: Duration? = nil
  ) -> PluginTransition {
    PluginTransition(
      phase: .waitingForResources, state: state, reason: reason, logs: [], wakeUpAfter: wakeUpAfter)
  }

  public static func queued(_ reason: String = "", state: PluginState? = nil) -> PluginTransition {
    PluginTransition(phase: .queued, state: state, reason: reason, logs: [], wakeUpAfter: nil)
  }

  public static func running(
    state: PluginState? = nil, reason: String = "", logs: [Flyteidl_Core_TaskLog] = [],
    wakeUpAfter: Duration? = nil
  ) -> PluginTransition {
    PluginTransition(phase: .running, state: state, reason: reason, logs: logs, wakeUpAfter: wakeUpAfter)
  }

  public static func success(state: PluginState? = nil, logs: [Flyteidl_Core_TaskLog] = []) -> PluginTransition {
    PluginTransition(phase: .success, state: state, reason: "", logs: logs, wakeUpAfter: nil)
  }

  /// A success whose outputs the plugin hands back in memory (it writes no `outputs.pb`).
  public static func success(
    outputs: Flyteidl_Core_LiteralMap, state: PluginState? = nil, logs: [Flyteidl_Core_TaskLog] = []
  ) -> PluginTransition {
    var transition = PluginTransition(phase: .success, state: state, reason: "", logs: logs, wakeUpAfter: nil)
    transition.outputs = outputs
    return transition
  }

  public static func retryableFailure(
    _ error: Flyteidl_Core_ExecutionError, state: PluginState? = nil, logs: [Flyteidl_Core_TaskLog] = []
  ) -> PluginTransition {
    PluginTransition(
      phase: .retryableFailure(error), state: state, reason: error.message, logs: logs, wakeUpAfter: nil)
  }

  public static func permanentFailure(
    _ error: Flyteidl_Core_ExecutionError, state: PluginState? = nil, logs: [Flyteidl_Core_TaskLog] = []
  ) -> PluginTransition {
    PluginTransition(
      phase: .permanentFailure(error), state: state, reason: error.message, logs: logs, wakeUpAfter: nil)
  }
}
