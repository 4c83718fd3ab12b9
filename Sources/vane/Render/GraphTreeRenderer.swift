import FlyteIDL
import SwiftProtobuf
import VaneModel

/// Renders a compiled workflow closure as an indented, human-readable tree: the workflow's
/// interface, then every node in order with its kind, target and upstream nodes; branch legs,
/// array and gate nodes nested under their node; subworkflows after the primary workflow.
struct GraphTreeRenderer {
  let closure: Flyteidl_Core_CompiledWorkflowClosure

  func render() -> String {
    var lines: [String] = []
    lines += workflowLines(closure.primary, title: "workflow")
    for sub in closure.subWorkflows {
      lines.append("")
      lines += workflowLines(sub, title: "subworkflow")
    }
    lines.append("")
    lines.append("tasks (\(closure.tasks.count))")
    for task in closure.tasks.sorted(by: { $0.template.id.name < $1.template.id.name }) {
      let template = task.template
      lines.append("  \(template.id.name)  [\(template.type)]  \(signature(template.interface))")
    }
    return lines.joined(separator: "\n")
  }

  private func workflowLines(_ workflow: Flyteidl_Core_CompiledWorkflow, title: String) -> [String] {
    let template = workflow.template
    var lines = ["\(title) \(template.id.name)"]
    lines.append("  inputs   \(variables(template.interface.inputs))")
    let outputs = template.outputs.map { "\($0.var) ← \(BindingText.describe($0.binding))" }
    lines.append("  outputs  \(outputs.isEmpty ? "none" : outputs.joined(separator: ", "))")
    if template.metadata.onFailure == .failAfterExecutableNodesComplete {
      lines.append("  policy   fail after executable nodes complete")
    }
    lines.append("  nodes")
    for node in template.nodes where !Self.reserved.contains(node.id) {
      let upstream = workflow.connections.upstream[node.id]?.ids ?? node.upstreamNodeIds
      lines += nodeLines(node, upstream: upstream, indent: "    ")
    }
    if template.hasFailureNode {
      lines.append("  on failure")
      lines += nodeLines(template.failureNode, upstream: [], indent: "    ")
    }
    return lines
  }

  private static let reserved: Set<String> = ["start-node", "end-node"]

  private func nodeLines(_ node: Flyteidl_Core_Node, upstream: [String], indent: String) -> [String] {
    let after = upstream.isEmpty ? "" : "  after \(upstream.sorted().joined(separator: ", "))"
    let label = node.metadata.name.isEmpty || node.metadata.name == node.id ? "" : " (\(node.metadata.name))"
    var lines = ["\(indent)\(node.id)\(label)  \(kindText(node))\(after)"]
    switch node.target {
    case .branchNode(let branch)?:
      let ifElse = branch.ifElse
      lines += legLines("if \(ConditionText.describe(ifElse.case.condition))", ifElse.case.thenNode, indent)
      for other in ifElse.other {
        lines += legLines("elif \(ConditionText.describe(other.condition))", other.thenNode, indent)
      }
      switch ifElse.default {
      case .elseNode(let elseNode)?:
        lines += legLines("else", elseNode, indent)
      case .error(let error)?:
        lines.append("\(indent)  else → fail: \(error.message)")
      case nil:
        break
      }
    case .arrayNode(let array)?:
      lines += nodeLines(array.node, upstream: [], indent: indent + "  ")
    default:
      break
    }
    return lines
  }

  private func legLines(_ head: String, _ node: Flyteidl_Core_Node, _ indent: String) -> [String] {
    var lines = ["\(indent)  \(head) →"]
    lines += nodeLines(node, upstream: [], indent: indent + "    ")
    return lines
  }

  private func kindText(_ node: Flyteidl_Core_Node) -> String {
    switch node.target {
    case .taskNode(let task)?:
      return "task \(task.referenceID.name)"
    case .workflowNode(let workflow)?:
      switch workflow.reference {
      case .launchplanRef(let id)?: return "launch plan \(id.name)"
      case .subWorkflowRef(let id)?: return "subworkflow \(id.name)"
      case nil: return "workflow ?"
      }
    case .branchNode?:
      return "branch"
    case .gateNode(let gate)?:
      switch gate.condition {
      case .sleep(let sleep)?: return "gate sleep \(DurationText.describe(sleep.duration))"
      case .signal(let signal)?: return "gate signal \(signal.signalID): \(signal.type.readable)"
      case .approve(let approve)?: return "gate approve \(approve.signalID)"
      case nil: return "gate"
      }
    case .arrayNode(let array)?:
      var parts = ["array"]
      if array.parallelism > 0 { parts.append("parallelism \(array.parallelism)") }
      switch array.successCriteria {
      case .minSuccesses(let count)?: parts.append("min successes \(count)")
      case .minSuccessRatio(let ratio)?: parts.append("min success ratio \(ratio)")
      case nil: break
      }
      return parts.joined(separator: ", ")
    case nil:
      return "empty"
    }
  }

  private func signature(_ interface: Flyteidl_Core_TypedInterface) -> String {
    "(\(variables(interface.inputs))) -> (\(variables(interface.outputs)))"
  }

  private func variables(_ map: Flyteidl_Core_VariableMap) -> String {
    let parts = map.variables.keys.sorted().map { "\($0): \(map.variables[$0]?.type.readable ?? "?")" }
    return parts.isEmpty ? "none" : parts.joined(separator: ", ")
  }
}
