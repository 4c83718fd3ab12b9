import Foundation
import Testing
import VaneEngine
import VaneServer

/// `engine.node_active_deadline`, `engine.node_execution_deadline`,
/// `engine.workflow_active_deadline`: the engine's default deadlines, none by default.
@Suite struct ConfigDeadlineTests {
  @Test func noDeadlinesByDefault() throws {
    #expect(try ConfigReader.load(path: nil, environment: [:]).engine.deadlines == EngineDeadlines())
  }

  @Test func theFileSetsThemAndTheEnvironmentOverrides() throws {
    var config = try ConfigReader.decode(
      """
      engine:
        node_active_deadline: 48h
        node_execution_deadline: 30m
        workflow_active_deadline: 72h
      """)
    #expect(
      config.engine.deadlines
        == EngineDeadlines(
          nodeActive: .seconds(48 * 3600), nodeExecution: .seconds(1800), workflowActive: .seconds(72 * 3600)))
    try ConfigReader.applyEnvironment(
      ["VANE_ENGINE_NODE_EXECUTION_DEADLINE": "90s", "VANE_ENGINE_WORKFLOW_ACTIVE_DEADLINE": "0"], to: &config)
    #expect(config.engine.deadlines.nodeExecution == .seconds(90))
    #expect(config.engine.deadlines.workflowActive == nil, "0 is no deadline")
    #expect(config.engine.deadlines.nodeActive == .seconds(48 * 3600))
  }

  @Test(arguments: ["soon", "-1h"])
  func aBadDeadlineNamesTheKeyAndLine(text: String) {
    #expect {
      _ = try ConfigReader.decode("engine:\n  node_active_deadline: \(text)\n", file: "vane.yaml")
    } throws: { error in
      guard let error = error as? ConfigError else { return false }
      return error.code == .invalidValue && error.key == "engine.node_active_deadline"
        && error.location == "vane.yaml:2" && error.description.contains(text)
    }
  }
}
