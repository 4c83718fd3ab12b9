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
    abstract: "List the signals gates of an execution wait or waited for, with their values."
  )

  @OptionGroup var target: SignalTarget

  func run() async throws {
    let (runtime, execution) = try await target.open()
    let signals: [SignalStore.Signal]
    do {
      signals = try await SignalStore(keyValues: runtime.engine.environment.keyValues).signals(of: execution)
    } catch {
      throw CLIFailure(exitCode: 1, description: error.description)
    }
    guard !signals.isEmpty else {
      printError("no gate of execution \(execution.name) has asked for a signal yet")
      return
    }
    let rows =
      [["SIGNAL", "TYPE", "NODE", "VALUE"]]
      + signals.map { [$0.id, Self.typeText($0), $0.nodeID, $0.value.map { LiteralPrinter.text($0) } ?? "waiting"] }
    let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
    for row in rows {
      let cells = row.enumerated().map { index, cell in
        index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
      }
      print(cells.joined(separator: "  "))
    }
  }

  /// The type column: the declared type, or `approval (bool)`.
  static func typeText(_ signal: SignalStore.Signal) -> String {
    signal.isApproval ? "approval (bool)" : signal.type.readable
  }
}
