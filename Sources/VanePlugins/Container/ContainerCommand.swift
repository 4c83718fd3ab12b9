import FlyteIDL
package import VaneData
package import VaneEngine

/// The command line of a container task for one attempt, rendered as FlytePropeller renders it
/// before it starts a pod: every template variable of the container's command and arguments
/// filled from the attempt (paths, per-retry key, code archive, `{{.Inputs.X}}` values), and
/// flytekit's fast-registration launcher pointed at the attempt's working directory.
///
/// Shared by every plugin that runs a container task somewhere (a local process, a Ray job), so
/// a task's command reads the same wherever it runs.
package struct ContainerCommand: Sendable {
  /// Reads node data (inputs for `{{.Inputs.X}}`) and stages `task.pb` for `{{.taskTemplatePath}}`.
  let dataStore: any DataStore

  package init(dataStore: any DataStore) {
    self.dataStore = dataStore
  }

  /// The rendered command of `context.task`'s container for an attempt working in
  /// `workDirectory`. Reads `inputs.pb` only for `{{.Inputs.X}}`, writes `task.pb` only for
  /// `{{.taskTemplatePath}}`, and flushes staged node data so the task finds it on disk.
  package func render(
    _ context: TaskExecutionContext, workDirectory: String
  ) async throws(LocalProcessError) -> [String] {
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
      // The task reads the node's files itself: staged ones must be stored first.
      try await dataStore.flush()
    } catch {
      throw LocalProcessError(
        .dataAccess, "could not put the task's input files in the data store: \(error)", attempt: context.uniqueID)
    }
    let command: [String]
    do {
      command = try TemplateRenderer(values: values).render(template)
    } catch {
      throw LocalProcessError(error.code, error.message, attempt: context.uniqueID)
    }
    return FastExecuteArguments.rewritingDestination(command, to: workDirectory)
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

  /// How a data location is handed to a task: local files as plain absolute paths — flytekit
  /// treats `file://` text as local but then checks it with `os.path`, so the URI form breaks
  /// files and directories it passes on — and other URIs as they are.
  package static func processText(_ uri: DataURI) -> String {
    uri.scheme == "file" ? uri.afterScheme : uri.rawValue
  }
}
