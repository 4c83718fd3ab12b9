import FlyteIDL
public import VaneEngine

/// Sends each attempt either to the Ray plugin or to another plugin (the local process plugin),
/// so placement can follow the task's image or the execution's project, not only its type.
///
/// The choice sticks to the attempt: once a plugin stored state for it, the attempt stays with
/// that plugin (a Ray state is recognised by its format version), even if the placement rules
/// changed meanwhile — an engine restarted with other options re-attaches to a running job
/// instead of starting the attempt again elsewhere. New attempts follow `placement`.
public struct RayPlacementPlugin: TaskPlugin {
  public let id = "ray-placement"
  public let ray: RayPlugin
  public let other: any TaskPlugin
  public let placement: RayPlacement

  /// The Ray task type, the other plugin's types, and the types placed on Ray.
  public var taskTypes: Set<String> {
    ray.taskTypes.union(other.taskTypes).union(placement.taskTypes.subtracting(["*"]))
  }

  public init(ray: RayPlugin, other: any TaskPlugin, placement: RayPlacement) {
    self.ray = ray
    self.other = other
    self.placement = placement
  }

  public func handle(_ context: TaskExecutionContext) async -> PluginTransition {
    await plugin(for: context).handle(context)
  }

  public func abort(_ context: TaskExecutionContext, reason: String) async {
    await plugin(for: context).abort(context, reason: reason)
  }

  public func finalize(_ context: TaskExecutionContext) async {
    await plugin(for: context).finalize(context)
  }

  /// The plugin that owns the attempt: the one whose state it holds, else the placement's pick.
  func plugin(for context: TaskExecutionContext) -> any TaskPlugin {
    if !context.pluginState.isEmpty {
      return RayJobState.isRayState(context.pluginState) ? ray : other
    }
    return placement.placesOnRay(context.task, project: context.execution.id.project) ? ray : other
  }
}
