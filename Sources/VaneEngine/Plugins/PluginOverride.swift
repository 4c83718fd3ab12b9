public import FlyteIDL

/// A `PLUGIN_OVERRIDE` matchable attribute as it reaches the engine: FlyteAdmin hands
/// FlytePropeller the plugins to use per task type for one execution; Vane writes the choice
/// into the config of the execution's compiled tasks of that type (as FlyteAdmin writes an
/// execution queue into task configs), under keys no flytekit task uses.
public enum PluginOverride {
  /// Plugin ids in order of preference, comma-separated.
  public static let pluginIDsKey = "vane.plugin_override.ids"
  /// `FAIL` or `USE_DEFAULT`: what to do when none of the plugins is available.
  public static let missingBehaviorKey = "vane.plugin_override.missing"

  /// Writes `overrides` into the tasks of `closure` whose type they name (the first override
  /// of a type wins, as FlyteAdmin's merge keeps one per type).
  public static func apply(
    _ overrides: Flyteidl_Admin_PluginOverrides, to closure: inout Flyteidl_Core_CompiledWorkflowClosure
  ) {
    var byType: [String: Flyteidl_Admin_PluginOverride] = [:]
    for override in overrides.overrides where byType[override.taskType] == nil {
      byType[override.taskType] = override
    }
    for index in closure.tasks.indices {
      guard let override = byType[closure.tasks[index].template.type] else { continue }
      closure.tasks[index].template.config[pluginIDsKey] = override.pluginID.joined(separator: ",")
      closure.tasks[index].template.config[missingBehaviorKey] =
        override.missingPluginBehavior == .useDefault ? "USE_DEFAULT" : "FAIL"
    }
  }
}
