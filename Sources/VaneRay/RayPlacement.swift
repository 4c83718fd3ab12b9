public import FlyteIDL
import VanePlugins

/// Which tasks besides flytekit's Ray tasks run on the Ray cluster: those of a task type, of an
/// image, or of a project named here — so a whole workflow, or chosen tasks of it, can run on
/// the cluster while the rest run locally.
public struct RayPlacement: Hashable, Sendable {
  /// Task types placed on Ray (e.g. `python-task`); `*` places every container task.
  public var taskTypes: Set<String>
  /// Images placed on Ray, by full name (`ghcr.io/org/app:v1`) or without tag or digest
  /// (`ghcr.io/org/app`).
  public var images: Set<String>
  /// Projects whose executions run every container task on Ray.
  public var projects: Set<String>

  public init(taskTypes: Set<String> = [], images: Set<String> = [], projects: Set<String> = []) {
    self.taskTypes = taskTypes
    self.images = images
    self.projects = projects
  }

  /// Whether an attempt of `task` in an execution of `project` runs on Ray.
  public func placesOnRay(_ task: Flyteidl_Core_TaskTemplate, project: String) -> Bool {
    if task.type == RayPlugin.rayTaskType { return true }
    guard case .container = task.target else { return false }
    if taskTypes.contains("*") || taskTypes.contains(task.type) || projects.contains(project) { return true }
    let image = task.container.image
    if images.contains(image) { return true }
    if let bare = ImageEnvironments.withoutTagOrDigest(image), images.contains(bare) { return true }
    return false
  }
}
