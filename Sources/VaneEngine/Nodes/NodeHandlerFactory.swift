import FlyteIDL
import VaneModel
import VaneStore

/// Maps a node's kind to its handler. Built once per engine, with every handler's
/// collaborators; a task node's handler is the task handler decorated twice, as in
/// FlytePropeller: dynamic (a task that returns a subgraph) inside the data cache.
struct NodeHandlerFactory: Sendable {
  let task: CachedNodeHandler<DynamicNodeHandler>
  let branch = BranchNodeHandler()
  let subworkflow = SubworkflowNodeHandler()
  let launchPlan: LaunchPlanNodeHandler
  let gate: GateNodeHandler
  let array: ArrayNodeHandler

  init(
    plugins: PluginRegistry, keyValues: any KeyValueStore, launcher: any ExecutionLauncher,
    interruptibleFailureThreshold: Int32 = -1
  ) {
    let taskHandler = TaskNodeHandler(plugins: plugins, interruptibleFailureThreshold: interruptibleFailureThreshold)
    task = CachedNodeHandler(
      wrapping: DynamicNodeHandler(task: taskHandler, plans: DynamicPlanCache()),
      catalog: CacheCatalog(keyValues: keyValues))
    launchPlan = LaunchPlanNodeHandler(launcher: launcher)
    gate = GateNodeHandler(signals: SignalStore(keyValues: keyValues))
    array = ArrayNodeHandler(plugins: plugins, launcher: launcher, catalog: CacheCatalog(keyValues: keyValues))
  }

  init(environment: EngineEnvironment, launcher: any ExecutionLauncher) {
    self.init(
      plugins: environment.plugins, keyValues: environment.keyValues, launcher: launcher,
      interruptibleFailureThreshold: environment.interruptibleFailureThreshold)
  }

  func handler(for node: Flyteidl_Core_Node) -> any NodeHandler {
    switch node.target {
    case .taskNode?:
      return task
    case .branchNode?:
      return branch
    case .workflowNode(let workflow)?:
      if case .subWorkflowRef? = workflow.reference { return subworkflow }
      return launchPlan
    case .gateNode?:
      return gate
    case .arrayNode?:
      return array
    case nil:
      return UnsupportedNodeHandler(kind: "empty")
    }
  }
}

/// Node kinds the engine does not run yet: the node fails with a message that says so.
struct UnsupportedNodeHandler: NodeHandler {
  let kind: String

  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict {
    .failure(.notYetImplementedError, "\(kind) nodes are not supported by this version of Vane", kind: .system)
  }
}
