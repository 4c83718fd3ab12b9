import ArgumentParser
import FlyteIDL
import Foundation
import VaneData
import VaneEngine
import VaneModel

/// `vane signal list EXECUTION`: the signals gates of an execution asked for.
struct SignalList: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list",
    abstract: "List the signals gates of an execution wait or waited for, with their values.",
    discussion: """
      With a data directory the table shows the gate node of each signal; a server does not \
      report it. Exit status: 0, 1 server unreachable or failing, 2 no such execution.
      """
  )

  @OptionGroup var target: SignalTarget

  @OptionGroup var format: OutputFormatOption

  /// One listed signal; `node` only when read from a data directory.
  struct Row {
    var signal: Flyteidl_Admin_Signal
    var typeText: String
    var node: String?
  }

  func run() async throws {
    let rows: [Row]
    let execution: Flyteidl_Core_WorkflowExecutionIdentifier
    switch try await target.open() {
    case .local(let runtime, let id):
      execution = id
      do {
        rows = try await SignalStore(keyValues: runtime.engine.environment.keyValues).signals(of: id).map { signal in
          Row(signal: Self.message(signal, id), typeText: Self.typeText(signal), node: signal.nodeID)
        }
      } catch {
        throw CLIFailure.failed(error.description)
      }
    case .remote(let signals, let id):
      execution = id
      rows = try await signals.all(of: id).map { Row(signal: $0, typeText: $0.type.readable, node: nil) }
    }
    if rows.isEmpty && format.output == .table {
      printError("no gate of execution \(execution.name) has asked for a signal yet")
      return
    }
    try RemoteOutput.emit(format.output, value: ["signals": try rows.map { try RemoteOutput.object($0.signal) }]) {
      Self.table(rows)
    }
  }

  static func table(_ rows: [Row]) -> TextTable {
    let withNodes = rows.contains { $0.node != nil }
    var table = withNodes ? TextTable("SIGNAL", "TYPE", "NODE", "VALUE") : TextTable("SIGNAL", "TYPE", "VALUE")
    for row in rows {
      let value = row.signal.hasValue ? LiteralPrinter.text(row.signal.value) : "waiting"
      table.rows.append(
        withNodes
          ? [row.signal.id.signalID, row.typeText, row.node ?? "-", value]
          : [row.signal.id.signalID, row.typeText, value])
    }
    return table
  }

  /// A stored signal as the admin API shows it.
  static func message(
    _ signal: SignalStore.Signal, _ execution: Flyteidl_Core_WorkflowExecutionIdentifier
  ) -> Flyteidl_Admin_Signal {
    var message = Flyteidl_Admin_Signal()
    message.id.executionID = execution
    message.id.signalID = signal.id
    message.type = signal.type
    if let value = signal.value { message.value = value }
    return message
  }

  /// The type column: the declared type, or `approval (bool)`.
  static func typeText(_ signal: SignalStore.Signal) -> String {
    signal.isApproval ? "approval (bool)" : signal.type.readable
  }
}
