import FlyteIDL
import VaneAdminStore
import VaneEngine
import VaneModel

/// The launch plans an execution may start as child executions (`ExecutionSpec.launch_plans`):
/// every launch plan a launch-plan node references, at any depth, with its workflow's compiled
/// closure from the registry. Launch plans that dynamic tasks reference only at run time are
/// not collected yet.
struct LaunchPlanClosureLoader {
  let store: any AdminStore

  func load(from root: Flyteidl_Core_CompiledWorkflowClosure) async throws(AdminError) -> [Vane_LaunchPlanClosure] {
    var collected: [Vane_LaunchPlanClosure] = []
    var seen = Set<EntityKey>()
    var pending = Self.references(in: root)
    while !pending.isEmpty {
      let id = pending.removeFirst()
      guard seen.insert(EntityKey(id)).inserted else { continue }
      guard let stored = try await store.entity(.launchPlan, EntityKey(id)) else {
        throw AdminError(.notFound, "a launch plan node references it but it is not registered", at: "\(EntityKey(id))")
      }
      let plan = try Registry.launchPlan(stored)
      guard let workflow = try await store.entity(.workflow, EntityKey(plan.spec.workflowID)) else {
        throw AdminError(.notFound, "its workflow is not registered", at: "launch plan \(EntityKey(id))")
      }
      var entry = Vane_LaunchPlanClosure()
      entry.id = plan.id
      entry.closure = try Registry.workflow(workflow).closure.compiledWorkflow
      entry.fixedInputs = plan.spec.fixedInputs
      entry.defaultInputs = plan.spec.defaultInputs
      collected.append(entry)
      pending += Self.references(in: entry.closure)
    }
    return collected
  }

  static func references(in closure: Flyteidl_Core_CompiledWorkflowClosure) -> [Flyteidl_Core_Identifier] {
    var found: [Flyteidl_Core_Identifier] = []
    for var template in ([closure.primary] + closure.subWorkflows).map(\.template) {
      template.visitNodes { node in
        if case .workflowNode(let workflow)? = node.target, case .launchplanRef(let id)? = workflow.reference {
          found.append(id)
        }
      }
    }
    return found
  }
}
