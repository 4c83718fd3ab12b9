import FlyteIDL
import VaneModel

/// How deeply a compiled closure nests: a branch, an array node and a sub-workflow node each
/// add a level to the deepest node inside them; tasks, gates and launch plans (which run as
/// executions of their own) add none. Checked against `SpecLimits.maxNestingDepth` after
/// compiling, and for dynamic subgraphs together with the depth they run at.
struct NestingCheck {
  private let subWorkflows: [EntityKey: Flyteidl_Core_WorkflowTemplate]
  private var depths: [EntityKey: Int] = [:]
  private var visiting: Set<EntityKey> = []

  init(_ closure: Flyteidl_Core_CompiledWorkflowClosure) {
    var subWorkflows: [EntityKey: Flyteidl_Core_WorkflowTemplate] = [:]
    for compiled in closure.subWorkflows { subWorkflows[EntityKey(compiled.template.id)] = compiled.template }
    self.subWorkflows = subWorkflows
  }

  /// The deepest top-level node of `template` and its depth (0 for a flat workflow).
  mutating func deepest(in template: Flyteidl_Core_WorkflowTemplate) -> (node: String, depth: Int) {
    var deepest = (node: "", depth: 0)
    let nodes = template.nodes + (template.hasFailureNode ? [template.failureNode] : [])
    for node in nodes {
      let depth = self.depth(of: node)
      if depth > deepest.depth { deepest = (node.id, depth) }
    }
    return deepest
  }

  private mutating func depth(of node: Flyteidl_Core_Node) -> Int {
    switch node.target {
    case .branchNode(let branch)?:
      let ifElse = branch.ifElse
      var legs = (ifElse.hasCase ? [ifElse.case.thenNode] : []) + ifElse.other.map(\.thenNode)
      if case .elseNode(let leg)? = ifElse.default { legs.append(leg) }
      return 1 + legs.map { depth(of: $0) }.reduce(0, max)
    case .arrayNode(let array)?:
      return 1 + depth(of: array.node)
    case .workflowNode(let workflow)?:
      guard case .subWorkflowRef(let reference)? = workflow.reference else { return 0 }
      return 1 + depth(ofSubWorkflow: EntityKey(reference))
    case .taskNode?, .gateNode?, nil:
      return 0
    }
  }

  private mutating func depth(ofSubWorkflow key: EntityKey) -> Int {
    if let known = depths[key] { return known }
    // A sub-workflow that includes itself is reported as a cycle by the compiler.
    guard let template = subWorkflows[key], visiting.insert(key).inserted else { return 0 }
    let depth = deepest(in: template).depth
    visiting.remove(key)
    depths[key] = depth
    return depth
  }
}
