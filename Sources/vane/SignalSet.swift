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
    discussion: "Exit status: 0 set, 2 no such execution or pending signal, a value of the wrong type, or set already."
  )

  @OptionGroup var target: SignalTarget

  @Argument(help: "The signal's name (the name given to wait_for_input or approve).")
  var name: String

  @Argument(help: "The value, parsed by the signal's type (JSON for lists, dicts and dataclasses).")
  var value: String

  func run() async throws {
    let (runtime, execution) = try await target.open()
    let store = SignalStore(keyValues: runtime.engine.environment.keyValues)
    let signals: [SignalStore.Signal]
    do {
      signals = try await store.signals(of: execution)
    } catch {
      throw CLIFailure(exitCode: 1, description: error.description)
    }
    guard let signal = signals.first(where: { $0.id == name }) else {
      let pending = signals.filter { $0.value == nil }
      let list = pending.map { "  \($0.id) (\(SignalList.typeText($0)))" }.joined(separator: "\n")
      throw CLIFailure.badInput(
        "execution \(execution.name) has no pending signal '\(name)'; "
          + (pending.isEmpty ? "no gate waits for a signal now" : "pending signals:\n" + list))
    }
    let literal: Flyteidl_Core_Literal
    do {
      literal = try LiteralParser().parse(value, as: signal.type, input: name)
    } catch {
      throw CLIFailure.badInput("signal \(name): \(error.description)")
    }
    do {
      try await store.set(literal, for: name, in: execution)
    } catch let error where error.code == .storage || error.code == .corrupt {
      throw CLIFailure(exitCode: 1, description: error.description)
    } catch {
      throw CLIFailure.badInput(error.message)
    }
    printError("signal \(name) of \(execution.name) set to \(LiteralPrinter.text(literal))")
  }
}
