import FlyteIDL
import Foundation
import Logging
import VaneEngine
import VaneModel
import VanePlugins

extension RayPlugin {
  /// Builds the attempt's job and submits it. When the API refuses or does not answer, the
  /// cluster is asked again: the job may exist after all (a submission whose answer was lost,
  /// or one an earlier engine made), and then it is adopted rather than reported as failed.
  func submit(
    _ context: TaskExecutionContext, _ attempt: RayJobMachine.Attempt, state: RayJobState
  ) async -> PluginTransition {
    let submission: RayJobSubmission
    do {
      submission = try await self.submission(for: context, owner: attempt.owner)
    } catch {
      let retryable = error.code == .dataAccess
      let executionError = error.executionError(kind: retryable ? .system : .user)
      return retryable ? .retryableFailure(executionError) : .permanentFailure(executionError)
    }
    do {
      try await api.submit(submission)
    } catch {
      let again = await lookUp(attempt.submissionID)
      if case .found = again {
        return await report(
          machine.decide(attempt, stored: state, observation: again, now: clock.date), observation: again, context)
      }
      guard error.isRejection else {
        let decision = machine.decide(attempt, stored: state, observation: .unreachable(error.message), now: clock.date)
        return await report(decision, observation: .unreachable(error.message), context)
      }
      let rejected = RayPluginError(.rejected, "Ray refused the job: \(error.message)", attempt: attempt.submissionID)
      return .permanentFailure(rejected.executionError(kind: .user))
    }
    let submitted = machine.submitted(state, now: clock.date)
    watcher.watch(attempt.submissionID, wakeUp: context.wakeUp)
    context.logger.debug("submitted Ray job", metadata: ["job": "\(attempt.submissionID)"])
    return .queued(
      "submitted as Ray job \(attempt.submissionID) to \(configuration.address)", state: submitted.pluginState)
  }

  /// The job for an attempt: the rendered command with the task's environment as the entrypoint,
  /// what the task requests as the entrypoint's reservation, a flytekit Ray task's runtime env,
  /// and metadata naming the attempt (its output prefix marks the job as this attempt's).
  func submission(for context: TaskExecutionContext, owner: String) async throws(RayPluginError) -> RayJobSubmission {
    let container = context.task.container
    let workDirectory = Self.joined(configuration.workRoot, RayEntrypoint.directoryName(for: context.uniqueID))
    let command: [String]
    do {
      command = try await ContainerCommand(dataStore: dataStore).render(context, workDirectory: workDirectory)
    } catch {
      throw RayPluginError(error)
    }
    let environment = TaskEnvironment(
      inherited: [:], inheritedVariables: [], platform: configuration.platformEnvironment, imageDirectory: nil
    ).variables(for: context, temporaryDirectory: workDirectory + "/tmp")
    let imageDirectory = ImageEnvironments.directory(for: container.image, in: configuration.images)
    let entrypoint = RayEntrypoint(
      workDirectory: workDirectory, command: command, environment: environment,
      pathPrefix: imageDirectory.map { Self.joined($0, "bin") })

    let isRayTask = context.task.type == Self.rayTaskType
    var resources: RayEntrypointResources
    do {
      resources = try RayEntrypointResources.requested(
        by: container.resources, defaults: isRayTask ? configuration.rayTaskResources : configuration.defaultResources)
    } catch {
      throw RayPluginError(error.code, error.message, attempt: context.uniqueID)
    }
    resources.custom.merge(configuration.customResources) { task, _ in task }
    let runtimeEnvironment = isRayTask ? try RayTaskConfig(custom: context.task.custom).runtimeEnvironment : nil

    let execution = context.execution.id
    let metadata = [
      RayJobMachine.ownerKey: owner,
      "vane.execution": "\(execution.project)/\(execution.domain)/\(execution.name)",
      "vane.node": context.taskExecutionID.nodeExecutionID.nodeID,
      "vane.attempt": String(context.attempt),
      "vane.task": context.task.id.name,
    ]
    return RayJobSubmission(
      entrypoint: try entrypoint.shellText(), submissionID: context.uniqueID, runtimeEnvironment: runtimeEnvironment,
      metadata: metadata, resources: resources, labelSelector: configuration.labelSelector)
  }

  static func joined(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }
}
