import FlyteIDL
import VaneData
import VaneEngine

extension LocalProcessPlugin {
  /// Everything needed to spawn one attempt.
  struct LaunchPlan {
    var command: [String]
    var environment: [String: String]
    var request: ResourceAmount
  }

  /// Renders the container's command and arguments, assembles the environment and reads the
  /// resource request. Reads `inputs.pb` only for `{{.Inputs.X}}` and writes `task.pb` only for
  /// `{{.taskTemplatePath}}`.
  func plan(
    _ context: TaskExecutionContext, in directory: AttemptDirectory
  ) async throws(LocalProcessError)
    -> LaunchPlan
  {
    let container = context.task.container
    let template = container.command + container.args
    guard !template.isEmpty else {
      throw LocalProcessError(
        .noContainer, "the task's container has neither command nor arguments; there is nothing to run",
        attempt: context.uniqueID)
    }
    let variables = TemplateRenderer.variables(in: template)
    var values = TemplateRenderer.Values(
      input: Self.processText(context.paths.inputs),
      inputPrefix: Self.processText(context.paths.dataDirectory),
      outputPrefix: Self.processText(context.paths.outputDirectory),
      rawOutputDataPrefix: Self.processText(context.rawOutputPrefix),
      checkpointOutputPrefix: Self.processText(context.rawOutputPrefix.appending(DataFileName.checkpoints)),
      previousCheckpointPrefix: context.previousCheckpointPrefix.map(Self.processText),
      perRetryUniqueKey: TemplateRenderer.perRetryUniqueKey(for: context.uniqueID),
      taskTemplatePath: Self.processText(context.paths.taskTemplate),
      remotePackagePath: context.execution.codeArchive.map(Self.processText))
    if variables.contains(where: { if case .inputValue = $0 { true } else { false } }) {
      values.inputValues = LiteralArgumentText.texts(try await readInputs(context))
    }
    if variables.contains(.taskTemplatePath) {
      do {
        try await dataStore.stageMessage(context.task, to: context.paths.taskTemplate)
      } catch {
        throw LocalProcessError(
          .dataAccess, "could not write the task template for the task: \(error)", attempt: context.uniqueID)
      }
    }
    do {
      // The process reads the node's files itself: staged ones must be on disk first.
      try await dataStore.flush()
    } catch {
      throw LocalProcessError(
        .dataAccess, "could not put the task's input files on disk: \(error)", attempt: context.uniqueID)
    }
    var command: [String]
    do {
      command = try TemplateRenderer(values: values).render(template)
    } catch {
      throw LocalProcessError(error.code, error.message, attempt: context.uniqueID)
    }
    command = FastExecuteArguments.rewritingDestination(command, to: directory.path)

    let environment = TaskEnvironment(
      inherited: inheritedEnvironment, inheritedVariables: configuration.inheritedVariables,
      platform: configuration.platformEnvironment,
      imageDirectory: configuration.imageDirectory(for: container.image)
    ).variables(for: context, temporaryDirectory: directory.temporaryDirectory)

    let request: ResourceAmount
    do {
      request = try ResourceAmount.requested(by: container.resources, fallback: configuration.defaultRequest)
    } catch {
      throw LocalProcessError(error.code, error.message, attempt: context.uniqueID)
    }
    return LaunchPlan(command: command, environment: environment, request: request)
  }

  private func readInputs(
    _ context: TaskExecutionContext
  ) async throws(LocalProcessError)
    -> Flyteidl_Core_LiteralMap
  {
    do {
      guard try await dataStore.exists(context.paths.inputs) else { return Flyteidl_Core_LiteralMap() }
      return try await dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: context.paths.inputs)
    } catch {
      throw LocalProcessError(
        .dataAccess, "could not read the task's inputs for {{.Inputs.…}}: \(error)", attempt: context.uniqueID)
    }
  }

  /// The resource share of a task, for accounting a process found already running (the
  /// default request when the task's own cannot be read).
  func request(of context: TaskExecutionContext) -> ResourceAmount {
    (try? ResourceAmount.requested(by: context.task.container.resources, fallback: configuration.defaultRequest))
      ?? configuration.defaultRequest
  }

  /// How a data location is handed to a task process: local files as plain absolute paths —
  /// flytekit treats `file://` text as local but then checks it with `os.path`, so the URI form
  /// breaks files and directories it passes on — and other URIs as they are.
  static func processText(_ uri: DataURI) -> String {
    uri.scheme == "file" ? uri.afterScheme : uri.rawValue
  }
}
