public import FlyteIDL

extension ExecutionPlan {
  /// The task a task node runs: its template with the node's own settings applied over the
  /// template's, as FlytePropeller applies them — flytekit's `with_overrides` (container
  /// image, resources, extended resources in `TaskNode.overrides`) and the node's cache
  /// settings (`NodeMetadata.cacheable`, `cache_version`, `cache_serializable`). Nil when `node`
  /// is not a task node or its task is not in the closure.
  ///
  /// A task with a pod template runs as its primary container (`PodTemplateContainer`); a
  /// node's pod template override adds the environment variables and resources its primary
  /// container sets and the task does not (Flyte merges the task's container over the
  /// override's). Retries, timeouts and interruptibility are read from the node where they are used.
  public func task(for node: Flyteidl_Core_Node) -> Flyteidl_Core_TaskTemplate? {
    guard case .taskNode(let taskNode)? = node.target, var template = self.task(taskNode.referenceID) else {
      return nil
    }
    if case .k8SPod(let pod)? = template.target,
      let container = PodTemplateContainer.container(of: pod, primary: PodTemplateContainer.primaryName(of: template))
    {
      template.target = .container(container)
    }
    if taskNode.hasOverrides { Self.apply(taskNode.overrides, to: &template) }
    let metadata = node.metadata
    if metadata.cacheableValue != nil { template.metadata.discoverable = metadata.cacheable }
    if metadata.cacheVersionValue != nil { template.metadata.discoveryVersion = metadata.cacheVersion }
    if metadata.cacheSerializableValue != nil { template.metadata.cacheSerializable = metadata.cacheSerializable }
    return template
  }

  private static func apply(_ overrides: Flyteidl_Core_TaskNodeOverrides, to task: inout Flyteidl_Core_TaskTemplate) {
    if case .container? = task.target {
      if !overrides.containerImage.isEmpty { task.container.image = overrides.containerImage }
      if overrides.hasResources {
        // Per resource name, as Flyte merges them: an override replaces that request or limit only.
        task.container.resources.requests = merged(task.container.resources.requests, overrides.resources.requests)
        task.container.resources.limits = merged(task.container.resources.limits, overrides.resources.limits)
      }
    }
    if overrides.hasExtendedResources { task.extendedResources = overrides.extendedResources }
    if overrides.hasPodTemplate, case .container? = task.target {
      let primary =
        overrides.podTemplate.primaryContainerName.isEmpty
        ? PodTemplateContainer.primaryName(of: task) : overrides.podTemplate.primaryContainerName
      if let base = PodTemplateContainer.container(of: overrides.podTemplate, primary: primary) {
        let own = Set(task.container.env.map(\.key))
        task.container.env = base.env.filter { !own.contains($0.key) } + task.container.env
        task.container.resources.requests = merged(base.resources.requests, task.container.resources.requests)
        task.container.resources.limits = merged(base.resources.limits, task.container.resources.limits)
      }
    }
  }

  private static func merged(
    _ base: [Flyteidl_Core_Resources.ResourceEntry], _ overrides: [Flyteidl_Core_Resources.ResourceEntry]
  ) -> [Flyteidl_Core_Resources.ResourceEntry] {
    let replaced = Set(overrides.map(\.name))
    return base.filter { !replaced.contains($0.name) } + overrides
  }
}
