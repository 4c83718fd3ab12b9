import FlyteIDL
package import VaneEngine

/// The environment of a task process (a local process, a Ray job's entrypoint), assembled in layers, later layers winning:
///
/// 1. the engine's own values of `Configuration.inheritedVariables` (PATH, HOME, LANG, …) — not
///    the engine's whole environment — with the image's `bin/` put first on PATH;
/// 2. `Configuration.platformEnvironment` (default `PYTHONUNBUFFERED=1`);
/// 3. what a Flyte pod gets: `FLYTE_INTERNAL_EXECUTION_{ID,PROJECT,DOMAIN,WORKFLOW}`,
///    `FLYTE_INTERNAL_EXECUTION_LAUNCHPLAN` (when known), `FLYTE_INTERNAL_TASK_{PROJECT,DOMAIN,
///    NAME,VERSION}`, `FLYTE_ATTEMPT_NUMBER`, and `TMPDIR` in the attempt's work directory;
/// 4. the execution's environment;
/// 5. the container's own `env` (for dynamic tasks this carries `_F_SS_C`);
/// 6. the attempt's extra environment (`TaskExecutionContext.environment`).
package struct TaskEnvironment: Sendable {
  /// The engine's environment to draw layer 1 from.
  package var inherited: [String: String]
  /// The names taken from `inherited`.
  package var inheritedVariables: [String]
  package var platform: [String: String]
  /// The image's environment directory (a venv): its `bin/` goes first on PATH.
  package var imageDirectory: String?

  package init(
    inherited: [String: String], inheritedVariables: [String], platform: [String: String], imageDirectory: String?
  ) {
    self.inherited = inherited
    self.inheritedVariables = inheritedVariables
    self.platform = platform
    self.imageDirectory = imageDirectory
  }

  /// The variables for one attempt.
  package func variables(for context: TaskExecutionContext, temporaryDirectory: String) -> [String: String] {
    var result: [String: String] = [:]
    for name in inheritedVariables {
      if let value = inherited[name] { result[name] = value }
    }
    if let imageDirectory {
      let bin = imageDirectory.hasSuffix("/") ? imageDirectory + "bin" : imageDirectory + "/bin"
      let path = result["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
      result["PATH"] = path.isEmpty ? bin : bin + ":" + path
    }
    result.merge(platform) { $1 }
    result.merge(Self.flyteVariables(context)) { $1 }
    result["TMPDIR"] = temporaryDirectory
    result.merge(context.execution.environment) { $1 }
    for pair in context.task.container.env where !pair.key.isEmpty {
      result[pair.key] = pair.value
    }
    result.merge(context.environment) { $1 }
    return result
  }

  /// The `FLYTE_INTERNAL_*` variables and `FLYTE_ATTEMPT_NUMBER` a Flyte pod gets.
  package static func flyteVariables(_ context: TaskExecutionContext) -> [String: String] {
    let execution = context.execution
    let workflow = execution.workflow
    let task = context.taskExecutionID.hasTaskID ? context.taskExecutionID.taskID : context.task.id
    var variables = [
      "FLYTE_INTERNAL_EXECUTION_ID": execution.id.name,
      "FLYTE_INTERNAL_EXECUTION_PROJECT": execution.id.project,
      "FLYTE_INTERNAL_EXECUTION_DOMAIN": execution.id.domain,
      "FLYTE_INTERNAL_EXECUTION_WORKFLOW": "\(workflow.project):\(workflow.domain):\(workflow.name)",
      "FLYTE_INTERNAL_TASK_PROJECT": task.project,
      "FLYTE_INTERNAL_TASK_DOMAIN": task.domain,
      "FLYTE_INTERNAL_TASK_NAME": task.name,
      "FLYTE_INTERNAL_TASK_VERSION": task.version,
      "FLYTE_ATTEMPT_NUMBER": String(context.attempt),
    ]
    if let launchPlan = execution.launchPlan {
      variables["FLYTE_INTERNAL_EXECUTION_LAUNCHPLAN"] =
        "\(launchPlan.project):\(launchPlan.domain):\(launchPlan.name)"
    }
    return variables
  }
}
