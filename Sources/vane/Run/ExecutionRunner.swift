import FlyteIDL
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals
import VaneEngine
import VaneModel
import VaneStore
import VaneTerminal

/// Runs the engine in this process until one execution reaches a terminal phase (or the
/// process is asked to stop with SIGINT / SIGTERM), then shuts the engine down gracefully.
struct ExecutionRunner {
  let runtime: LocalRuntime
  let logger: Logger

  /// Runs `key` to the end and returns its last status; nil when interrupted first.
  func run(_ key: ResourceKey, progress: ProgressDisplay) async throws -> Vane_ExecutionStatus? {
    let (finished, continuation) = AsyncStream<Void>.makeStream()
    runtime.engine.observe(TerminalWatcher(key: key, progress: progress, continuation: continuation))
    let group = ServiceGroup(
      configuration: .init(
        services: runtime.engine.services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    var completed = false
    progress.begin()
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask {
        try await group.run()
        continuation.finish()
      }
      runtime.engine.wakeUp(key)
      for await _ in finished {
        completed = true
        break
      }
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
    }
    await progress.finish()
    guard completed else { return nil }
    await runtime.finish()
    return try await runtime.engine.status(of: key)
  }
}

/// Forwards events to the progress printer and signals when the watched execution ends.
private struct TerminalWatcher: EngineObserver {
  let key: ResourceKey
  let progress: ProgressDisplay
  let continuation: AsyncStream<Void>.Continuation

  func engine(recorded events: [EngineEvent]) {
    for event in events where event.key == key {
      progress.show(event)
      if case .workflow(let workflow) = event.message, Self.isTerminal(workflow.phase) {
        continuation.yield()
      }
    }
  }

  private static func isTerminal(_ phase: Flyteidl_Core_WorkflowExecution.Phase) -> Bool {
    switch phase {
    case .succeeded, .failed, .aborted, .timedOut: true
    default: false
    }
  }
}
