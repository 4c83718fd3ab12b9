import FlyteIDL
import SwiftProtobuf
import VaneAdminStore
import VaneCompiler
import VaneModel

/// Loads the `EntityCatalog` a workflow compiles against from what is registered: every task,
/// workflow and launch plan its nodes (and shipped sub-workflows) reference. References that
/// are not registered are left out, so the compiler reports each of them.
struct EntityCatalogLoader {
  let store: any AdminStore

  func load(for spec: Flyteidl_Admin_WorkflowSpec) async throws(AdminError) -> EntityCatalog {
    let shipped = Set(spec.subWorkflows.map { EntityKey($0.id) })
    var tasks = Set<EntityKey>()
    var workflows = Set<EntityKey>()
    var launchPlans = Set<EntityKey>()
    for var template in [spec.template] + spec.subWorkflows {
      template.visitNodes { node in
        switch node.target {
        case .taskNode(let task)?:
          if case .referenceID(let id)? = task.reference { tasks.insert(EntityKey(id)) }
        case .workflowNode(let workflow)?:
          switch workflow.reference {
          case .launchplanRef(let id)?: launchPlans.insert(EntityKey(id))
          case .subWorkflowRef(let id)?: if !shipped.contains(EntityKey(id)) { workflows.insert(EntityKey(id)) }
          case nil: break
          }
        default:
          break
        }
      }
    }
    var catalog = EntityCatalog()
    for key in tasks.sorted() {
      guard let stored = try await store.entity(.task, key) else { continue }
      let closure = try Registry.decode(Flyteidl_Admin_TaskClosure.self, stored.closure, what: "task \(key)")
      catalog.tasks[closure.compiledTask.template.id] = closure.compiledTask.template
    }
    for key in workflows.sorted() {
      guard let stored = try await store.entity(.workflow, key) else { continue }
      let closure = try Registry.decode(Flyteidl_Admin_WorkflowClosure.self, stored.closure, what: "workflow \(key)")
      let compiled = closure.compiledWorkflow
      for template in [compiled.primary.template] + compiled.subWorkflows.map(\.template) {
        catalog.workflows[template.id] = template
      }
      for task in compiled.tasks { catalog.tasks[task.template.id] = task.template }
    }
    for key in launchPlans.sorted() {
      guard let stored = try await store.entity(.launchPlan, key) else { continue }
      let plan = try Registry.launchPlan(stored)
      catalog.launchPlans[plan.id] = plan
    }
    return catalog
  }
}
