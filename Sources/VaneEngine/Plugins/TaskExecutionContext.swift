public import FlyteIDL
public import Logging
public import VaneData

/// Everything a plugin needs to run one attempt of one task node.
public struct TaskExecutionContext: Sendable {
  /// Task, node execution and attempt, as Flyte identifies a task execution.
  public var taskExecutionID: Flyteidl_Core_TaskExecutionIdentifier
  /// `<execution>-<node>-<attempt>` (or a short hash of it): unique per attempt, safe in file
  /// names and process names; the idempotency key for starting work.
  public var uniqueID: String
  /// The task to run.
  public var task: Flyteidl_Core_TaskTemplate
  /// The attempt number, 0-based (`FLYTE_ATTEMPT_NUMBER`).
  public var attempt: UInt32
  /// Where the node's data lives: `inputs` is the `{{.input}}` file, `dataDirectory` the
  /// `{{.inputPrefix}}`, `outputDirectory` the attempt's `{{.outputPrefix}}`.
  public var paths: NodeDataPaths
  /// This attempt's `{{.rawOutputDataPrefix}}`; checkpoints go under its `_flytecheckpoints`.
  public var rawOutputPrefix: DataURI
  /// The previous attempt's checkpoint prefix, if there was a previous attempt.
  public var previousCheckpointPrefix: DataURI?
  /// The execution the task runs in.
  public var execution: ExecutionInfo
  /// Extra environment for this attempt (e.g. array-item index variables).
  public var environment: [String: String]
  /// For an item of an array node: the item's own inputs (its element of every mapped list,
  /// the bound inputs whole), while `paths.inputs` is the whole array's file, as Flyte hands
  /// it to map tasks. Plugins that need the values rather than the file use these. Nil for a
  /// task node.
  public var itemInputs: Flyteidl_Core_LiteralMap? = nil
  /// Whether this attempt may run on interruptible (preemptible) capacity; false once the
  /// node's system failures spent its interruptible budget (see `NodeInterruptibility`).
  public var interruptible = false
  /// The state the plugin stored in the previous call, empty on the first.
  public var pluginState: PluginState
  /// Asks the engine for a round of the owning execution; call when the work changes state.
  public var wakeUp: @Sendable () -> Void
  /// A logger carrying the execution and node ids.
  public var logger: Logger

  public init(
    taskExecutionID: Flyteidl_Core_TaskExecutionIdentifier, uniqueID: String, task: Flyteidl_Core_TaskTemplate,
    attempt: UInt32, paths: NodeDataPaths, rawOutputPrefix: DataURI, previousCheckpointPrefix: DataURI?,
    execution: ExecutionInfo, environment: [String: String] = [:], pluginState: PluginState,
    wakeUp: @escaping @Sendable () -> Void, logger: Logger
  ) {
    self.taskExecutionID = taskExecutionID
    self.uniqueID = uniqueID
    self.task = task
    self.attempt = attempt
    self.paths = paths
    self.rawOutputPrefix = rawOutputPrefix
    self.previousCheckpointPrefix = previousCheckpointPrefix
    self.execution = execution
    self.environment = environment
    self.pluginState = pluginState
    self.wakeUp = wakeUp
    self.logger = logger
  }
}

/// What a task sees of the execution it runs in (the `FLYTE_INTERNAL_*` facts).
public struct ExecutionInfo: Sendable, Hashable {
  public var id: Flyteidl_Core_WorkflowExecutionIdentifier
  /// The workflow being executed (`FLYTE_INTERNAL_EXECUTION_WORKFLOW` is `project:domain:name`).
  public var workflow: Flyteidl_Core_Identifier
  /// The launch plan the execution came from, if any.
  public var launchPlan: Flyteidl_Core_Identifier?
  /// The fast-registration code archive (`{{ .remote_package_path }}`), if any.
  public var codeArchive: DataURI?
  /// Environment variables set for every task of the execution.
  public var environment: [String: String]

  public init(
    id: Flyteidl_Core_WorkflowExecutionIdentifier, workflow: Flyteidl_Core_Identifier,
    launchPlan: Flyteidl_Core_Identifier? = nil, codeArchive: DataURI? = nil, environment: [String: String] = [:]
  ) {
    self.id = id
    self.workflow = workflow
    self.launchPlan = launchPlan
    self.codeArchive = codeArchive
    self.environment = environment
  }
}
