import FlyteIDL
import Foundation

/// The text, JSON and YAML of `vane describe execution`.
struct DescribeOutput {
  let execution: Flyteidl_Admin_Execution
  /// Nil when the server does not list node executions.
  let nodes: [DescribedNode]?

  func print(_ format: OutputFormat) throws {
    switch format {
    case .table:
      FileHandle.standardOutput.write(Data(text.utf8))
    case .json, .yaml:
      var document: [String: Any] = ["execution": try RemoteOutput.object(execution)]
      if let nodes { document["nodes"] = try nodes.map(object) }
      try RemoteOutput.emit(format, value: document) { TextTable() }
    }
  }

  private func object(_ node: DescribedNode) throws -> Any {
    [
      "node_execution": try RemoteOutput.object(node.node),
      "task_executions": try node.attempts.map(RemoteOutput.object),
      "children": try node.children.map(object),
    ] as [String: Any]
  }

  var text: String {
    let closure = execution.closure
    var lines = [
      "Execution  \(execution.id.project)/\(execution.id.domain)/\(execution.id.name)",
      "Launch plan  \(execution.spec.launchPlan.name) (\(execution.spec.launchPlan.version))",
      "Phase      \(RemoteOutput.phase(closure.phase))",
      "Started    \(RemoteOutput.time(closure.hasStartedAt ? closure.startedAt : nil))",
      "Duration   \(RemoteOutput.duration(closure.hasDuration ? closure.duration : nil))",
    ]
    if case .error(let error)? = closure.outputResult {
      lines.append("Error      \(error.code): \(error.message)")
    }
    if case .abortMetadata(let abort)? = closure.outputResult {
      lines.append("Aborted    \(abort.cause)")
    }
    guard let nodes else {
      lines.append("")
      lines.append("(this server does not list node executions; showing the execution only)")
      return lines.joined(separator: "\n") + "\n"
    }
    lines.append("")
    var table = TextTable("NODE", "PHASE", "DURATION", "ATTEMPTS", "CACHE", "ERROR")
    for node in nodes { add(node, depth: 0, to: &table) }
    return lines.joined(separator: "\n") + "\n" + table.rendered
  }

  private func add(_ described: DescribedNode, depth: Int, to table: inout TextTable) {
    let node = described.node
    let closure = node.closure
    var cache = "-"
    if case .taskNodeMetadata(let metadata)? = closure.targetMetadata, metadata.cacheStatus != .cacheDisabled {
      cache = String(describing: metadata.cacheStatus).replacingOccurrences(of: "cache", with: "").lowercased()
    }
    var error = "-"
    if case .error(let failure)? = closure.outputResult {
      error = "\(failure.code): \(failure.message.split(separator: "\n").first.map(String.init) ?? "")"
    }
    let attempts =
      described.attempts.isEmpty
      ? "-"
      : described.attempts.map { "#\($0.id.retryAttempt) \(RemoteOutput.phase($0.closure.phase).lowercased())" }
        .joined(separator: ", ")
    table.add(
      String(repeating: "  ", count: depth) + node.id.nodeID, RemoteOutput.phase(closure.phase),
      RemoteOutput.duration(closure.hasDuration ? closure.duration : nil), attempts, cache, error)
    for child in described.children { add(child, depth: depth + 1, to: &table) }
  }
}
