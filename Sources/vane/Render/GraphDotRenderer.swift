import FlyteIDL
import Foundation

/// Renders compiled workflows as one Graphviz digraph: a cluster per workflow, a box per node
/// labelled with its id and target, and an edge per downstream connection.
struct GraphDotRenderer {
  let closures: [(name: String, closure: Flyteidl_Core_CompiledWorkflowClosure)]

  func render() -> String {
    var lines = ["digraph vane {", "  rankdir=LR;", "  node [shape=box, fontname=\"Helvetica\"];"]
    for (index, entry) in closures.enumerated() {
      let workflow = entry.closure.primary
      let prefix = closures.count == 1 ? "" : "w\(index)/"
      lines.append("  subgraph \"cluster_\(index)\" {")
      lines.append("    label=\(quoted(entry.name));")
      for node in workflow.template.nodes {
        lines.append("    \(quoted(prefix + node.id)) [label=\(quoted(label(node)))\(shape(node))];")
      }
      for source in workflow.connections.downstream.keys.sorted() {
        for target in (workflow.connections.downstream[source]?.ids ?? []).sorted() {
          lines.append("    \(quoted(prefix + source)) -> \(quoted(prefix + target));")
        }
      }
      lines.append("  }")
    }
    lines.append("}")
    return lines.joined(separator: "\n")
  }

  private func label(_ node: Flyteidl_Core_Node) -> String {
    switch node.target {
    case .taskNode(let task)?: return "\(node.id)\n\(task.referenceID.name)"
    case .workflowNode(let workflow)?:
      switch workflow.reference {
      case .launchplanRef(let id)?: return "\(node.id)\nlaunch plan \(id.name)"
      case .subWorkflowRef(let id)?: return "\(node.id)\n\(id.name)"
      case nil: return node.id
      }
    case .branchNode?: return "\(node.id)\nbranch"
    case .gateNode?: return "\(node.id)\ngate"
    case .arrayNode?: return "\(node.id)\nmap"
    case nil: return node.id
    }
  }

  private func shape(_ node: Flyteidl_Core_Node) -> String {
    switch node.target {
    case nil: return ", shape=circle"
    case .branchNode?: return ", shape=diamond"
    case .gateNode?: return ", shape=octagon"
    case .arrayNode?: return ", shape=box3d"
    default: return ""
    }
  }

  private func quoted(_ text: String) -> String {
    "\""
      + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "\n", with: "\\n") + "\""
  }
}
