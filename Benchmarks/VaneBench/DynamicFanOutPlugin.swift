import FlyteIDL
import SwiftProtobuf
import VaneData
import VaneEngine
import VaneModel

/// Runs the benchmark's `bench-dynamic` task type without a process: it writes a
/// `DynamicJobSpec` (`futures.pb`) of `children` echo nodes on the task's input `x`, as a
/// flytekit `@dynamic` task would, and succeeds.
struct DynamicFanOutPlugin: TaskPlugin {
  static let taskType = "bench-dynamic"
  let id = "bench-dynamic"
  let taskTypes: Set<String> = [Self.taskType]
  let dataStore: any DataStore

  func handle(_ context: TaskExecutionContext) async -> PluginTransition {
    let children = Int(context.task.custom.fields["children"]?.numberValue ?? 0)
    var job = Flyteidl_Core_DynamicJobSpec()
    job.tasks = [BenchWorkflows.echoInt]
    job.nodes = (0..<max(1, children)).map { index in
      FlyteBuilders.taskNode(
        "c\(index)", task: BenchWorkflows.echoInt, inputs: [FlyteBuilders.bind("x", FlyteBuilders.promise("", "x"))])
    }
    job.minSuccesses = Int64(job.nodes.count)
    job.outputs = [FlyteBuilders.bind("x", FlyteBuilders.promise("c0", "x"))]
    do {
      try await dataStore.writeMessage(job, to: context.paths.futures)
      return .success()
    } catch {
      return .retryableFailure(.make(code: "BenchDynamic", message: "cannot write futures.pb: \(error)", kind: .system))
    }
  }

  func abort(_ context: TaskExecutionContext, reason: String) async {}

  func finalize(_ context: TaskExecutionContext) async {}
}
