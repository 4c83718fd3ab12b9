import ArgumentParser
import FlyteIDL
import VaneData
import VaneEngine
import VaneModel

/// `vane signal set EXECUTION NAME VALUE`: gives a waiting gate its value.
struct SignalSet: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "set",
    abstract: "Set a signal a gate waits for: a value of its type, or true/false for an approval.",
    discussion: """
      Exit status: 0 set, 2 no such execution or pending signal, a value of the wrong type, or \
      set already; 1 server unreachable or failing.
      """
  )

  @OptionGroup var target: SignalTarget

  @Argument(help: "The signal's name (the name given to wait_for_input or approve).")
  var name: String

  @Argument(help: "The value, parsed by the signal's type (JSON for lists, dicts and dataclasses).")
  var value: String

  func run() async throws {
    switch try await target.open() {
    case .local(let runtime, let execution):
      try await setLocally(SignalStore(keyValues: runtime.engine.environment.keyValues), execution)
    case .remote(let signals, let execution):
      let all = try await signals.all(of: execution)
      let pending = all.filter { !$0.hasValue }.map { ($0.id.signalID, $0.type.readable) }
      guard let signal = all.first(where: { $0.id.signalID == name }) else {
        throw unknown(execution, pending: pending)
      }
      let literal = try parse(as: signal.type)
      try await signals.set(literal, for: name, in: execution)
      report(literal, execution)
    }
  }

  private func setLocally(_ store: SignalStore, _ execution: Flyteidl_Core_WorkflowExecutionIdentifier) async throws {
    let signals: [SignalStore.Signal]
    do {
      signals = try await store.signals(of: execution)
    } catch {
      throw CLIFailure.failed(error.description)
    }
    guard let signal = signals.first(where: { $0.id == name }) else {
      throw unknown(execution, pending: signals.filter { $0.value == nil }.map { ($0.id, SignalList.typeText($0)) })
    }
    let literal = try parse(as: signal.type)
    do {
      try await store.set(literal, for: name, in: execution)
    } catch let error where error.code == .storage || error.code == .corrupt {
      throw CLIFailure.failed(error.description)
    } catch {
      throw CLIFailure.badInput(error.message)
    }
    report(literal, execution)
  }

  private func parse(as type: Flyteidl_Core_LiteralType) throws -> Flyteidl_Core_Literal {
    do {
      return try LiteralParser().parse(value, as: type, input: name)
    } catch {
      throw CLIFailure.badInput("signal \(name): \(error.description)")
    }
  }

  private func unknown(
    _ execution: Flyteidl_Core_WorkflowExecutionIdentifier, pending: [(id: String, type: String)]
  ) -> CLIFailure {
    let list = pending.map { "  \($0.id) (\($0.type))" }.joined(separator: "\n")
    return CLIFailure.badInput(
      "execution \(execution.name) has no pending signal '\(name)'; "
        + (pending.isEmpty ? "no gate waits for a signal now" : "pending signals:\n" + list))
  }

  private func report(_ literal: Flyteidl_Core_Literal, _ execution: Flyteidl_Core_WorkflowExecutionIdentifier) {
    printError("signal \(name) of \(execution.name) set to \(LiteralPrinter.text(literal))")
  }
}
