import FlyteIDL
import VaneAdminStore
import VaneEngine

extension ExecutionManager {
  /// The matchable attributes FlyteAdmin applies to the tasks of a compiled workflow when it
  /// starts an execution of it: `TASK_RESOURCE` defaults and limits (resolved by the workflow's
  /// id, as its `GetTaskResources`) and `PLUGIN_OVERRIDE` (by the execution's project and domain,
  /// the workflow and the launch plan, as its `addPluginOverrides`).
  func applyTaskAttributes(
    to closure: inout Flyteidl_Core_CompiledWorkflowClosure, org: String, project: String, domain: String,
    launchPlan: String
  ) async throws(AdminError) {
    let directory = MatchableAttributeDirectory(store: store)
    let workflow = closure.primary.template.id
    if let resources = try await directory.taskResources(
      org: org, project: workflow.project, domain: workflow.domain, workflow: workflow.name)
    {
      TaskResourceDefaults.apply(resources, to: &closure)
    }
    if let overrides = try await directory.pluginOverrides(
      org: org, project: project, domain: domain, workflow: workflow.name, launchPlan: launchPlan)
    {
      PluginOverride.apply(overrides, to: &closure)
    }
  }
}
