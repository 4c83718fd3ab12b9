import FlyteIDL
import Foundation
import Logging
import SwiftProtobuf
import VaneData
import VaneModel

/// Runs gate nodes, as FlytePropeller does:
///
/// - `sleep(duration)`: succeeds once `duration` has passed since the attempt started; the
///   round asks to be run again exactly then (a timer, no polling). No outputs.
/// - `wait_for_input(name, timeout, type)`: records the signal as pending, then succeeds
///   with outputs `{<output variable>: value}` once the signal is set with a value of the
///   declared type.
/// - `approve(value, name, timeout)`: a `bool` signal; true passes the node's inputs through
///   as its outputs, false fails the node (`ReceivedRejectSignal`, a user error).
///
/// Signals are set from another process (`vane signal set`), which cannot wake this engine:
/// a waiting gate looks at its signal once a second (one indexed read). Timeouts are the
/// node's `timeout` (flytekit's gate `timeout`), enforced by the node executor like any
/// attempt timeout: the node fails when it runs out.
struct GateNodeHandler: NodeHandler {
  /// How often a waiting gate looks for its signal.
  static let signalPollInterval: Duration = .seconds(1)

  /// Where gates record their requests and read the values set.
  let signals: SignalStore

  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict {
    guard case .gateNode(let gate)? = visit.node.target else {
      return .failure(.badSpecificationError, "node \(visit.node.id) is not a gate node")
    }
    switch gate.condition {
    case .sleep(let sleep)?:
      return self.sleep(sleep, visit: visit, round: round)
    case .signal(let signal)?:
      return await wait(for: signal, visit: &visit, round: round)
    case .approve(let approve)?:
      return await approval(approve, visit: &visit, round: round)
    case nil:
      return .failure(
        .badSpecificationError, "gate node \(visit.node.id) has no sleep, signal or approve condition")
    }
  }

  private func sleep(_ sleep: Flyteidl_Core_SleepCondition, visit: NodeVisit, round: RoundContext) -> HandlerVerdict {
    let duration = SpecLimits.duration(sleep.duration)
    let started = visit.status.hasLastAttemptStartedAt ? WallTime(visit.status.lastAttemptStartedAt) : round.instant
    let remaining = duration - started.duration(to: round.instant)
    guard remaining > .zero else { return .success(outputs: nil) }
    return .running("sleeping \(duration.secondsText)", wakeUpAfter: remaining)
  }

  private func wait(
    for condition: Flyteidl_Core_SignalCondition, visit: inout NodeVisit, round: RoundContext
  ) async
    -> HandlerVerdict
  {
    let signal = SignalStore.Signal(
      id: condition.signalID, type: condition.type, nodeID: visit.uniqueID, isApproval: false)
    let value: Flyteidl_Core_Literal
    switch await valueOrWait(signal, visit: &visit, round: round) {
    case .set(let found): value = found
    case .verdict(let verdict): return verdict
    }
    guard SignalStore.matches(value, condition.type) else {
      return .failure(
        .runtimeExecutionError,
        "signal '\(condition.signalID)' was set to \(LiteralPrinter.text(value)), not a value of type "
          + condition.type.readable, kind: .user)
    }
    var outputs = Flyteidl_Core_LiteralMap()
    outputs.literals[condition.outputVariableName] = value
    return await write(outputs, visit: visit, round: round)
  }

  private func approval(
    _ condition: Flyteidl_Core_ApproveCondition, visit: inout NodeVisit, round: RoundContext
  ) async
    -> HandlerVerdict
  {
    var boolean = Flyteidl_Core_LiteralType()
    boolean.simple = .boolean
    let signal = SignalStore.Signal(id: condition.signalID, type: boolean, nodeID: visit.uniqueID, isApproval: true)
    let value: Flyteidl_Core_Literal
    switch await valueOrWait(signal, visit: &visit, round: round) {
    case .set(let found): value = found
    case .verdict(let verdict): return verdict
    }
    guard case .scalar(let scalar)? = value.value, case .primitive(let primitive)? = scalar.value,
      case .boolean(let approved)? = primitive.value
    else {
      return .failure(
        .runtimeExecutionError,
        "approval '\(condition.signalID)' was set to \(LiteralPrinter.text(value)), "
          + "not true or false", kind: .user)
    }
    guard approved else {
      return .failure(
        .receivedRejectSignal, "approval '\(condition.signalID)' was rejected (signal set to false)", kind: .user
      )
    }
    do {
      let inputs = try await round.literalMap(at: visit.paths(round.layout).inputs)
      return await write(inputs, visit: visit, round: round)
    } catch {
      return .failure(
        .inputsNotFoundError, "approval '\(condition.signalID)': cannot read the inputs: \(error)")
    }
  }

  private enum Lookup {
    case set(Flyteidl_Core_Literal)
    case verdict(HandlerVerdict)
  }

  /// Records the signal as pending (once per attempt) and returns its value, or the verdict
  /// of a gate that keeps waiting.
  private func valueOrWait(_ signal: SignalStore.Signal, visit: inout NodeVisit, round: RoundContext) async -> Lookup {
    do {
      if visit.status.pluginState.isEmpty {
        try await signals.request(signal, in: round.executionID)
        visit.status.pluginState = Self.requested
        visit.status.pluginStateVersion = 1
      }
      if let value = try await signals.value(of: signal.id, in: round.executionID) { return .set(value) }
    } catch {
      // A store hiccup: look again later; the node's timeout still bounds the wait.
      round.logger.warning(
        "cannot read signal", metadata: ["execution": "\(round.key)", "node": "\(visit.uniqueID)", "error": "\(error)"])
      return .verdict(.running("waiting for signal '\(signal.id)'", wakeUpAfter: Self.signalPollInterval))
    }
    let what =
      signal.isApproval ? "approval '\(signal.id)' (true/false)" : "signal '\(signal.id)' (\(signal.type.readable))"
    return .verdict(
      .running(
        "waiting for \(what): vane signal set \(round.executionID.name) \(signal.id) VALUE",
        wakeUpAfter: Self.signalPollInterval))
  }

  private func write(_ outputs: Flyteidl_Core_LiteralMap, visit: NodeVisit, round: RoundContext) async -> HandlerVerdict
  {
    let uri = visit.paths(round.layout).outputs
    do {
      try await round.write(outputs, to: uri)
      return .success(outputs: uri)
    } catch {
      return .retryableFailure(.writeOutputsFailed, "gate outputs: \(error)")
    }
  }

  /// Marks, in the node's plugin state, that the attempt recorded its signal request.
  private static let requested = Data("signal-requested".utf8)
}
