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

  /// Renders the container's command and arguments (`ContainerCommand`), assembles the
  /// environment and reads the resource request.
  func plan(
    _ context: TaskExecutionContext, in directory: AttemptDirectory
  ) async throws(LocalProcessError)
    -> LaunchPlan
  {
    let container = context.task.container
    let command = try await ContainerCommand(dataStore: dataStore).render(context, workDirectory: directory.path)

    var environment = TaskEnvironment(
      inherited: inheritedEnvironment, inheritedVariables: configuration.inheritedVariables,
      platform: configuration.platformEnvironment,
      imageDirectory: configuration.imageDirectory(for: container.image)
    ).variables(for: context, temporaryDirectory: directory.temporaryDirectory)
    do {
      // Last, so no other layer can replace a secret; values stay in the process environment.
      let injection = SecretInjection(source: configuration.secrets)
      environment.merge(try injection.variables(for: context.task, project: context.execution.id.project)) { $1 }
    } catch {
      throw LocalProcessError(.secretUnavailable, error.message, attempt: context.uniqueID)
    }

    let request: ResourceAmount
    do {
      request = try ResourceAmount.requested(by: container.resources, fallback: configuration.defaultRequest)
    } catch {
      throw LocalProcessError(error.code, error.message, attempt: context.uniqueID)
    }
    return LaunchPlan(command: command, environment: environment, request: request)
  }

  /// The resource share of a task, for accounting a process found already running (the
  /// default request when the task's own cannot be read).
  func request(of context: TaskExecutionContext) -> ResourceAmount {
    (try? ResourceAmount.requested(by: context.task.container.resources, fallback: configuration.defaultRequest))
      ?? configuration.defaultRequest
  }
}
