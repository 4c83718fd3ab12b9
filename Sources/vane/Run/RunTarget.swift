import FlyteIDL
import VanePackage

/// The workflow `vane run` runs and the launch plan whose defaults and fixed inputs apply: a
/// launch plan named ENTITY, or the workflow named ENTITY with its default launch plan.
enum RunTarget {
  static func resolve(
    _ entity: String, in package: FlytePackage
  ) throws -> (Flyteidl_Admin_WorkflowSpec, Flyteidl_Admin_LaunchPlan?) {
    if let plan = package.launchPlan(named: entity), let workflow = package.workflow(id: plan.spec.workflowID) {
      return (workflow, plan)
    }
    guard let workflow = try CompileTargets.select(entity, in: package).first else {
      throw CLIFailure.badInput("\(package.source): nothing to run for '\(entity)'")
    }
    let plan = package.launchPlans.first {
      $0.spec.workflowID.name == workflow.template.id.name && $0.id.name == entity
    }
    return (workflow, plan)
  }
}
