import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneModel

/// Small compiled workflows and statuses for the console's pure parts.
enum GraphFixtures {
  static func taskNode(_ id: String, task: String = "wf.work") -> Flyteidl_Core_Node {
    var node = Flyteidl_Core_Node()
    node.id = id
    var taskNode = Flyteidl_Core_TaskNode()
    taskNode.referenceID.name = task
    node.taskNode = taskNode
    return node
  }

  static func node(_ id: String) -> Flyteidl_Core_Node {
    var node = Flyteidl_Core_Node()
    node.id = id
    return node
  }

  /// A compiled workflow with `nodes` between start and end and `edges` (upstream → downstream);
  /// nodes nothing feeds hang off `start-node`, nodes feeding nothing feed `end-node`.
  static func workflow(
    _ nodes: [Flyteidl_Core_Node], edges: [(String, String)], name: String = "wf"
  )
    -> Flyteidl_Core_CompiledWorkflow
  {
    var template = Flyteidl_Core_WorkflowTemplate()
    template.id.name = name
    template.nodes = [node("start-node"), node("end-node")] + nodes
    var all = edges
    let targets = Set(edges.map(\.1))
    let sources = Set(edges.map(\.0))
    for node in nodes where !targets.contains(node.id) { all.append(("start-node", node.id)) }
    for node in nodes where !sources.contains(node.id) { all.append((node.id, "end-node")) }
    var connections = Flyteidl_Core_ConnectionSet()
    for (from, to) in all {
      connections.upstream[to, default: .init()].ids.append(from)
      connections.downstream[from, default: .init()].ids.append(to)
    }
    var compiled = Flyteidl_Core_CompiledWorkflow()
    compiled.template = template
    compiled.connections = connections
    return compiled
  }

  static func closure(
    _ primary: Flyteidl_Core_CompiledWorkflow, subworkflows: [Flyteidl_Core_CompiledWorkflow] = []
  )
    -> Flyteidl_Core_CompiledWorkflowClosure
  {
    var closure = Flyteidl_Core_CompiledWorkflowClosure()
    closure.primary = primary
    closure.subWorkflows = subworkflows
    return closure
  }

  static let origin = Date(timeIntervalSince1970: 1_800_000_000)

  /// A node status in `phase`, started `start` seconds after `origin` and (if given) stopped at `stop`.
  static func status(
    _ phase: NodePhase, start: Double? = nil, stop: Double? = nil, attempts: UInt32 = 1
  )
    -> Vane_NodeStatus
  {
    var status = Vane_NodeStatus()
    status.phase = phase.rawValue
    status.attempts = attempts
    if let start {
      status.queuedAt = Google_Protobuf_Timestamp(date: origin.addingTimeInterval(start))
      status.startedAt = Google_Protobuf_Timestamp(date: origin.addingTimeInterval(start))
    }
    if let stop { status.stoppedAt = Google_Protobuf_Timestamp(date: origin.addingTimeInterval(stop)) }
    return status
  }

  static func executionStatus(
    _ nodes: [String: Vane_NodeStatus], phase: WorkflowPhase = .running
  )
    -> Vane_ExecutionStatus
  {
    var status = Vane_ExecutionStatus()
    status.phase = phase.rawValue
    status.nodes = nodes
    return status
  }
}
