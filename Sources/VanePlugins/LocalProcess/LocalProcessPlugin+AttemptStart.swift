import FlyteIDL
import VaneEngine

extension LocalProcessPlugin {
  /// How one attempt is started — the one place that decides, so a sandbox can wrap both ways.
  enum AttemptStart {
    /// Spawn the command under the wrapper shell (`ProcessSpawner`).
    case cold
    /// Fork it from the fork server of its Python environment and code bundle; when that fails,
    /// start it cold after all.
    case warm(WarmStart)
  }

  /// Warm when warm starts are on for the task's image and its command is one of flytekit's
  /// task entrypoints whose console scripts (found on the task's PATH) run one interpreter.
  /// Sandboxed attempts start cold: a fork server runs outside any sandbox, and a child it
  /// forked would inherit its view of the machine, not the attempt's.
  func attemptStart(
    _ plan: LaunchPlan, _ context: TaskExecutionContext, _ directory: AttemptDirectory
  ) -> AttemptStart {
    guard configuration.sandbox == nil, configuration.warmStarts.allows(image: context.task.container.image),
      let command = WarmCommand(plan.command)
    else { return .cold }
    var interpreter: [String]?
    for invocation in command.programs {
      guard let path = PythonEntrypoint.find(invocation.argument, path: plan.environment["PATH"]),
        let entrypoint = PythonEntrypoint(path: path, function: invocation.program.function),
        interpreter == nil || interpreter == entrypoint.interpreter
      else { return .cold }
      interpreter = entrypoint.interpreter
    }
    guard let interpreter else { return .cold }
    let server = WarmServerSpec(
      interpreter: interpreter, archive: command.archive, environment: plan.environment,
      attemptOnly: Set(context.environment.keys))
    let request = ForkRequest(
      id: context.uniqueID, argv: plan.command, env: plan.environment, cwd: directory.path,
      stdout: directory.stdoutLog, stderr: directory.stderrLog, imports: command.imports,
      limits: ForkRequest.engineLimits())
    return .warm(WarmStart(server: server, request: request))
  }
}
