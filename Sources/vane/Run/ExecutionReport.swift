import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneData
import VaneEngine
import VaneModel
import VaneStore

/// Prints how an execution ended: outputs on stdout (and to `--outputs-file`) on success;
/// the failing node, error kind and message on stderr otherwise (exit 1).
struct ExecutionReport {
  let runtime: LocalRuntime
  let key: ResourceKey
  let outputsFile: String?

  func finish(_ status: Vane_ExecutionStatus?) async throws {
    guard let status else {
      throw CLIFailure(
        code: .interrupted,
        message: "interrupted; the execution goes on where it stopped with: "
          + "vane resume \(key.name) --data-dir \(runtime.dataDirectory)")
    }
    let phase = WorkflowPhase(stored: status.phase)
    guard phase == .success else {
      var lines = ["execution \(key) \(phase.description.lowercased())"]
      if let (node, failed) = Self.failingNode(in: status.nodes) {
        lines.append("failing node: \(node)")
        lines.append("error: \(Self.kind(failed.error.kind)) \(failed.error.code): \(failed.error.message)")
      } else if status.hasError {
        lines.append("error: \(Self.kind(status.error.kind)) \(status.error.code): \(status.error.message)")
      } else if !status.abortReason.isEmpty {
        lines.append("reason: \(status.abortReason)")
      }
      throw CLIFailure.failed(lines.joined(separator: "\n"))
    }
    var outputs = Flyteidl_Core_LiteralMap()
    if !status.outputsUri.isEmpty {
      outputs = try await runtime.dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: DataURI(status.outputsUri))
    }
    if let outputsFile {
      do {
        try outputs.deterministicBinary().write(to: URL(fileURLWithPath: outputsFile), options: .atomic)
      } catch {
        throw CLIFailure.failed("\(outputsFile): cannot write the outputs: \(error.localizedDescription)")
      }
    }
    print(LiteralPrinter.text(outputs, pretty: true))
  }

  /// The deepest failed node, following subworkflow and branch children: `n1/n0-n1`.
  static func failingNode(in nodes: [String: Vane_NodeStatus]) -> (String, Vane_NodeStatus)? {
    let failed = nodes.filter { NodePhase(stored: $0.value.phase).isFailure }
    guard let (id, status) = failed.min(by: { $0.value.stoppedAt.date < $1.value.stoppedAt.date }) else { return nil }
    if let (child, deeper) = failingNode(in: status.children) { return ("\(id)/\(child)", deeper) }
    return (id, status)
  }

  private static func kind(_ kind: Flyteidl_Core_ExecutionError.ErrorKind) -> String {
    switch kind {
    case .user: "user error"
    case .system: "system error"
    default: "error"
    }
  }
}
