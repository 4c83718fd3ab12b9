import FlyteIDL
import Testing
import VaneData
import VaneModel

@testable import VaneAdmin

@Suite struct ExecutionConfigTests {
  let root = DataURI("file:///data/raw")

  private func prefixes(execution: String, plan: String) -> String {
    var spec = Flyteidl_Admin_ExecutionSpec()
    spec.rawOutputDataConfig.outputLocationPrefix = execution
    var planSpec = Flyteidl_Admin_LaunchPlanSpec()
    planSpec.rawOutputDataConfig.outputLocationPrefix = plan
    return ExecutionManager.config(spec, plan: planSpec, rawOutputRoot: root).rawOutputPrefix
  }

  @Test func rawOutputPrefixFollowsFlytesPrecedence() {
    #expect(prefixes(execution: "s3://exec/raw", plan: "s3://plan/raw") == "s3://exec/raw")
    #expect(prefixes(execution: "", plan: "s3://plan/raw") == "s3://plan/raw")
    #expect(prefixes(execution: "", plan: "") == "file:///data/raw")
  }
}
