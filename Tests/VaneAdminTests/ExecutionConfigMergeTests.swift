import FlyteIDL
import SwiftProtobuf
import Testing
import VaneData
import VaneModel

@testable import VaneAdmin

/// FlyteAdmin's `MergeIntoExecConfig` order: request > launch plan > matchable attributes > default.
@Suite struct ExecutionConfigMergeTests {
  static func attribute(
    prefix: String = "", labels: [String: String] = [:], parallelism: Int32 = 0, envs: [String: String] = [:]
  ) -> Flyteidl_Admin_WorkflowExecutionConfig {
    var config = Flyteidl_Admin_WorkflowExecutionConfig()
    config.rawOutputDataConfig.outputLocationPrefix = prefix
    config.labels.values = labels
    config.maxParallelism = parallelism
    config.envs.values = envs.map { key, value in
      var pair = Flyteidl_Core_KeyValuePair()
      (pair.key, pair.value) = (key, value)
      return pair
    }
    return config
  }

  @Test func theRequestThenThePlanThenTheAttributesThenTheDefault() {
    let root = DataURI("file:///data/raw")
    var spec = Flyteidl_Admin_ExecutionSpec()
    var plan = Flyteidl_Admin_LaunchPlanSpec()
    let specific = Self.attribute(prefix: "s3://domain/raw", labels: ["team": "domain"], parallelism: 4)
    let projectLevel = Self.attribute(prefix: "s3://project/raw", labels: ["team": "project"], envs: ["A": "1"])

    var config = ExecutionManager.config(spec, plan: plan, attributes: [specific, projectLevel], rawOutputRoot: root)
    #expect(config.rawOutputPrefix == "s3://domain/raw")
    #expect(config.labels == ["team": "domain"])
    #expect(config.maxParallelism == 4)
    #expect(config.env == ["A": "1"], "a setting the specific row leaves unset comes from the project row")

    plan.labels.values = ["from": "plan"]
    plan.rawOutputDataConfig.outputLocationPrefix = "s3://plan/raw"
    config = ExecutionManager.config(spec, plan: plan, attributes: [specific, projectLevel], rawOutputRoot: root)
    #expect(config.rawOutputPrefix == "s3://plan/raw")
    #expect(config.labels == ["from": "plan"], "maps are taken whole, never merged key by key")
    #expect(config.maxParallelism == 4)

    spec.labels.values = ["from": "request"]
    spec.maxParallelism = 2
    config = ExecutionManager.config(spec, plan: plan, attributes: [specific, projectLevel], rawOutputRoot: root)
    #expect(config.labels == ["from": "request"])
    #expect(config.maxParallelism == 2)

    config = ExecutionManager.config(
      Flyteidl_Admin_ExecutionSpec(), plan: Flyteidl_Admin_LaunchPlanSpec(), attributes: [], rawOutputRoot: root)
    #expect(config.rawOutputPrefix == "file:///data/raw")
    #expect(config.labels.isEmpty)
  }

  @Test func flagsAndSecurityContextFollowFlytesNotionOfUnset() {
    var plan = Flyteidl_Admin_LaunchPlanSpec()
    plan.interruptible = Google_Protobuf_BoolValue(false)
    plan.securityContext.runAs = Flyteidl_Core_Identity()  // empty: as good as unset
    var attribute = Flyteidl_Admin_WorkflowExecutionConfig()
    attribute.interruptible = Google_Protobuf_BoolValue(true)
    attribute.overwriteCache = true
    attribute.securityContext.runAs.k8SServiceAccount = "builder"
    let merged = ExecutionManager.effective(Flyteidl_Admin_ExecutionSpec(), plan: plan, attributes: [attribute])
    #expect(merged.hasInterruptible && merged.interruptible.value == false, "the plan's explicit false wins")
    #expect(merged.overwriteCache)
    #expect(merged.securityContext.runAs.k8SServiceAccount == "builder")
  }
}
