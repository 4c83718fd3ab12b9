import FlyteIDL
import SwiftProtobuf
import VaneCompiler
import VaneData
import VaneModel

/// Turns the `futures.pb` a dynamic task left into a compiled, stored subgraph: reads the
/// `DynamicJobSpec`, compiles it with the registration compiler against the execution's own
/// tasks, subworkflows and launch plans (the job's own tasks and subworkflows first), with the
/// task's interface as the subgraph's interface, and writes the closure next to `futures.pb`.
/// A closure already stored there (a round whose status write was lost) is used as it is.
enum DynamicCompilation {
  /// The stored closure's file name, next to `futures.pb` (Flyte's name).
  static let closureFileName = "dynamic_compiled.pb"

  enum Outcome {
    case compiled(ExecutionPlan, closureURI: DataURI)
    case failed(HandlerVerdict)
  }

  static func compile(
    _ visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, round: RoundContext, cache: DynamicPlanCache
  ) async -> Outcome {
    let paths = visit.paths(round.layout)
    let closureURI = paths.outputDirectory.appending(closureFileName)
    let store = round.dataStore
    do {
      if try await store.exists(closureURI) {
        return .compiled(try await cache.plan(at: closureURI, dataStore: store), closureURI: closureURI)
      }
    } catch {
      return .failed(.afterReadFailure(error) { .retryableFailure(.storageError, "\(closureURI): \(error)") })
    }
    var job: Flyteidl_Core_DynamicJobSpec
    do {
      job = try await store.readMessage(Flyteidl_Core_DynamicJobSpec.self, from: paths.futures)
    } catch {
      return .failed(
        .afterReadFailure(error) {
          .retryableFailure(
            .malformedDynamicWorkflow,
            "task \(task.id.name) left an unreadable dynamic subgraph at \(paths.futures): \(error)")
        })
    }
    inheritContainerConfig(of: task, into: &job)
    let closure: Flyteidl_Core_CompiledWorkflowClosure
    do {
      closure = try WorkflowCompiler(catalog: catalog(for: round.spec))
        .compileDynamic(
          job, parentInterface: task.interface, nodeID: visit.uniqueID, enclosingDepth: visit.scope.depth + 1)
    } catch {
      return .failed(
        .failure(
          .dynamicWorkflowBuildFailed,
          "the subgraph returned by dynamic task \(task.id.name) (node \(visit.uniqueID)) does not compile; "
            + "\(error.description)", kind: .user))
    }
    do {
      try await store.stageMessage(closure, to: closureURI)
    } catch {
      return .failed(.retryableFailure(.storageError, "cannot write the compiled subgraph to \(closureURI): \(error)"))
    }
    let plan = ExecutionPlan(closure)
    cache.remember(plan, at: closureURI)
    return .compiled(plan, closureURI: closureURI)
  }

  /// The entities a dynamic subgraph may reference: the execution's tasks and workflows, and
  /// the launch plans `vane run` put into the spec.
  static func catalog(for spec: Vane_ExecutionSpec) -> EntityCatalog {
    let closure = spec.closure
    let workflows =
      [closure.primary.template] + closure.subWorkflows.map(\.template)
      + spec.launchPlans.flatMap { [$0.closure.primary.template] + $0.closure.subWorkflows.map(\.template) }
    let tasks = closure.tasks.map(\.template) + spec.launchPlans.flatMap { $0.closure.tasks.map(\.template) }
    return EntityCatalog(tasks: tasks, workflows: workflows, launchPlans: spec.launchPlans.map(adminLaunchPlan))
  }

  /// A launch plan as the compiler reads it, from what the spec keeps of it.
  static func adminLaunchPlan(_ plan: Vane_LaunchPlanClosure) -> Flyteidl_Admin_LaunchPlan {
    var admin = Flyteidl_Admin_LaunchPlan()
    admin.id = plan.id
    admin.spec.workflowID = plan.closure.primary.template.id
    admin.spec.fixedInputs = plan.fixedInputs
    admin.spec.defaultInputs = plan.defaultInputs
    let interface = plan.closure.primary.template.interface
    admin.closure.expectedInputs = LaunchPlanInterface.expectedInputs(
      spec: admin.spec, workflowInputs: interface.inputs)
    admin.closure.expectedOutputs = interface.outputs
    return admin
  }

  /// Tasks of the subgraph get the dynamic task's container config too, as in Flyte.
  private static func inheritContainerConfig(
    of task: Flyteidl_Core_TaskTemplate, into job: inout Flyteidl_Core_DynamicJobSpec
  ) {
    guard case .container(let parent)? = task.target, !parent.config.isEmpty else { return }
    for index in job.tasks.indices {
      guard case .container(var container)? = job.tasks[index].target else { continue }
      container.config += parent.config
      job.tasks[index].target = .container(container)
    }
  }
}
