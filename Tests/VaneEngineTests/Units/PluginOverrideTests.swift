import FlyteIDL
import Testing

@testable import VaneEngine

@Suite struct PluginOverrideTests {
  /// A plugin known by its id and types only: these tests choose plugins, they run nothing.
  struct Named: TaskPlugin {
    let id: String
    let taskTypes: Set<String>
    func handle(_ context: TaskExecutionContext) async -> PluginTransition { .running() }
    func abort(_ context: TaskExecutionContext, reason: String) async {}
    func finalize(_ context: TaskExecutionContext) async {}
  }

  func registry() throws -> PluginRegistry {
    var builder = PluginRegistry.Builder()
    builder.register(Named(id: "echo", taskTypes: ["echo"]))
    builder.register(Named(id: "ray", taskTypes: ["ray"]))
    builder.setDefault(Named(id: "local-process", taskTypes: []))
    return try builder.build()
  }

  func task(_ type: String, ids: String? = nil, missing: String? = nil) -> Flyteidl_Core_TaskTemplate {
    var task = Flyteidl_Core_TaskTemplate()
    task.type = type
    if let ids { task.config[PluginOverride.pluginIDsKey] = ids }
    if let missing { task.config[PluginOverride.missingBehaviorKey] = missing }
    return task
  }

  func chosen(_ result: Result<any TaskPlugin, PluginChoiceError>) -> String {
    switch result {
    case .success(let plugin): plugin.id
    case .failure(let error): "error: \(error.message)"
    }
  }

  @Test func theFirstAvailablePluginOfTheOverrideRuns() throws {
    let plugins = try registry()
    #expect(chosen(plugins.plugin(for: task("python-task"))) == "local-process")
    #expect(chosen(plugins.plugin(for: task("python-task", ids: "spark, ray,echo"))) == "ray")
    #expect(chosen(plugins.plugin(for: task("echo", ids: "local-process"))) == "local-process")
  }

  @Test func noneAvailableFailsUnlessTheDefaultMayRun() throws {
    let plugins = try registry()
    let failed = chosen(plugins.plugin(for: task("python-task", ids: "spark", missing: "FAIL")))
    #expect(failed.hasPrefix("error: ") && failed.contains("spark") && failed.contains("echo, local-process, ray"))
    #expect(chosen(plugins.plugin(for: task("python-task", ids: "spark", missing: "USE_DEFAULT"))) == "local-process")
    #expect(chosen(plugins.plugin(for: task("python-task", ids: "spark"))).hasPrefix("error: "))
  }

  @Test func overridesAreWrittenIntoTheTasksOfTheirType() {
    var closure = Flyteidl_Core_CompiledWorkflowClosure()
    for type in ["python-task", "echo"] {
      var compiled = Flyteidl_Core_CompiledTask()
      compiled.template.type = type
      closure.tasks.append(compiled)
    }
    var overrides = Flyteidl_Admin_PluginOverrides()
    var first = Flyteidl_Admin_PluginOverride()
    first.taskType = "python-task"
    first.pluginID = ["ray", "echo"]
    first.missingPluginBehavior = .useDefault
    var second = first
    second.pluginID = ["ignored"]
    overrides.overrides = [first, second]
    PluginOverride.apply(overrides, to: &closure)
    #expect(closure.tasks[0].template.config[PluginOverride.pluginIDsKey] == "ray,echo")
    #expect(closure.tasks[0].template.config[PluginOverride.missingBehaviorKey] == "USE_DEFAULT")
    #expect(closure.tasks[1].template.config.isEmpty)
  }
}
