import FlyteIDL
import VaneCompiler
import VanePackage

/// Which workflows `vane compile` and `vane run` work on.
enum CompileTargets {
  /// The workflow named `entity` (directly or through a launch plan of that name), or every
  /// workflow of the package when `entity` is nil. An unknown name lists what exists.
  static func select(_ entity: String?, in package: FlytePackage) throws -> [Flyteidl_Admin_WorkflowSpec] {
    guard let entity else { return package.workflows }
    if let workflow = package.workflow(named: entity) { return [workflow] }
    if let plan = package.launchPlan(named: entity) {
      guard let workflow = package.workflow(id: plan.spec.workflowID) else {
        throw CLIFailure.badInput(
          "\(package.source): launch plan \(entity) refers to workflow \(plan.spec.workflowID.name), "
            + "which is not in the package")
      }
      return [workflow]
    }
    var lines = ["\(package.source): no workflow or launch plan named '\(entity)'."]
    lines.append("workflows:    " + list(package.workflows.map(\.template.id.name)))
    lines.append("launch plans: " + list(package.launchPlans.map(\.id.name)))
    if package.task(named: entity) != nil {
      lines.append("('\(entity)' is a task; compile the workflow that uses it.)")
    }
    throw CLIFailure.badInput(lines.joined(separator: "\n"))
  }

  private static func list(_ names: [String]) -> String {
    names.isEmpty ? "(none)" : names.sorted().joined(separator: ", ")
  }
}

extension EntityCatalog {
  /// A catalog of everything a loaded package holds.
  init(package: FlytePackage) {
    self.init(
      tasks: package.tasks.map(\.template),
      workflows: package.workflows.flatMap { [$0.template] + $0.subWorkflows },
      launchPlans: package.launchPlans)
  }
}
