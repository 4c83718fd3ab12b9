import FlyteIDL
import VaneCompiler
import VaneModel
import VanePackage

/// The launch plans an execution may start as child executions, each with its workflow
/// compiled, for `ExecutionSpec.launch_plans`: every launch plan a launch-plan node references,
/// at any depth (inside subworkflows, branches, array nodes and the launch plans' own
/// workflows). A dynamic task may reference any launch plan of the package at run time, so
/// when one is reachable, every launch plan of the package whose workflow compiles is added too.
struct LaunchPlanClosures {
  let package: FlytePackage
  let compiler: WorkflowCompiler

  func collect(from root: Flyteidl_Core_CompiledWorkflowClosure) throws -> [Vane_LaunchPlanClosure] {
    var collected: [Vane_LaunchPlanClosure] = []
    var seen = Set<EntityKey>()
    var problems: [String] = []
    // (id, required): referenced by a node (required) or only possibly by a dynamic task.
    var pending: [(Flyteidl_Core_Identifier, Bool)] = []
    var addedAll = false
    func enqueue(from closure: Flyteidl_Core_CompiledWorkflowClosure) {
      pending += Self.references(in: closure).map { ($0, true) }
      if !addedAll, Self.hasDynamicTask(closure) {
        addedAll = true
        pending += package.launchPlans.map { ($0.id, false) }
      }
    }
    enqueue(from: root)
    while !pending.isEmpty {
      let (id, required) = pending.removeFirst()
      guard seen.insert(EntityKey(id)).inserted else { continue }
      guard let plan = package.launchPlan(id: id), let workflow = package.workflow(id: plan.spec.workflowID) else {
        if required { problems.append("launch plan \(EntityKey(id)) or its workflow is not in the package") }
        continue
      }
      do {
        var entry = Vane_LaunchPlanClosure()
        entry.id = plan.id
        entry.closure = try compiler.compile(workflow)
        entry.fixedInputs = plan.spec.fixedInputs
        entry.defaultInputs = plan.spec.defaultInputs
        collected.append(entry)
        enqueue(from: entry.closure)
      } catch {
        if required { problems.append("launch plan \(EntityKey(id)): \(error.description)") }
      }
    }
    guard problems.isEmpty else { throw CLIFailure.badInput(problems.joined(separator: "\n")) }
    return collected
  }

  /// The launch plans that nodes of `closure` reference, in node order.
  static func references(in closure: Flyteidl_Core_CompiledWorkflowClosure) -> [Flyteidl_Core_Identifier] {
    var found: [Flyteidl_Core_Identifier] = []
    var stack = ([closure.primary] + closure.subWorkflows).flatMap(\.template.nodes).reversed().map { $0 }
    while let node = stack.popLast() {
      switch node.target {
      case .workflowNode(let workflow)?:
        if case .launchplanRef(let id)? = workflow.reference { found.append(id) }
      case .branchNode(let branch)?:
        var legs = [branch.ifElse.case.thenNode] + branch.ifElse.other.map(\.thenNode)
        if case .elseNode(let leg)? = branch.ifElse.default { legs.append(leg) }
        stack += legs.reversed()
      case .arrayNode(let array)?:
        stack.append(array.node)
      default:
        break
      }
    }
    return found
  }

  /// True when a task of `closure` is a flytekit dynamic task (it carries the serialized
  /// settings `_F_SS_C` it compiles its subgraph with) or has Flyte's `dynamic` type.
  static func hasDynamicTask(_ closure: Flyteidl_Core_CompiledWorkflowClosure) -> Bool {
    closure.tasks.contains { task in
      if task.template.type == "dynamic" { return true }
      guard case .container(let container)? = task.template.target else { return false }
      return container.env.contains { $0.key == "_F_SS_C" }
    }
  }
}
