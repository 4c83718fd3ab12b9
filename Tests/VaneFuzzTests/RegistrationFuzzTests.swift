import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneAdmin
import VaneCompiler

/// Admin requests as the gRPC layer hands them over: mutated protobuf bytes decoded into
/// `TaskCreateRequest`, `WorkflowCreateRequest` and `LaunchPlanCreateRequest`, then registered —
/// identifier checks, limits, the compiler and the launch plan check all run on what survives.
/// Mutants of registered specs mostly come back as "different content under an existing id",
/// but only after the compiler has judged them, so the compiler sees every one.
@Suite(.serialized) struct RegistrationFuzzTests {
  static let protobufMutator = Mutator(
    dictionary: [[0x0A, 0x00], [0x12, 0x7F], [0x08, 0xFF, 0x01]], maxSize: 1 << 20)

  @Test func taskRequestsRegisterOrReject() async throws {
    let fixture = try await AdminFixture.make()
    defer { fixture.close() }
    let campaign = FuzzCampaign(
      name: "register-task", seeds: try AdminFixture.taskRequests().map { try $0.serializedBytes() },
      iterations: 600, mutator: Self.protobufMutator)
    let report = await campaign.run { input in
      try await fixture.registry.createTask(Flyteidl_Admin_TaskCreateRequest(serializedBytes: input))
    }
    #expect(report.findings.isEmpty, "\(report.findings.prefix(5).joined(separator: "\n"))")
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  @Test func workflowRequestsRegisterOrReject() async throws {
    let fixture = try await AdminFixture.make()
    defer { fixture.close() }
    let seeds =
      try AdminFixture.workflowRequests().map { try $0.serializedBytes() as [UInt8] } + [
        try Self.deeplyBranchedRequest(levels: 30).serializedBytes()
      ]
    let campaign = FuzzCampaign(
      name: "register-workflow", seeds: seeds, iterations: 600, mutator: Self.protobufMutator)
    let report = await campaign.run { input in
      try await fixture.registry.createWorkflow(Flyteidl_Admin_WorkflowCreateRequest(serializedBytes: input))
    }
    #expect(report.findings.isEmpty, "\(report.findings.prefix(5).joined(separator: "\n"))")
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  @Test func launchPlanRequestsRegisterOrReject() async throws {
    let fixture = try await AdminFixture.make()
    defer { fixture.close() }
    let campaign = FuzzCampaign(
      name: "register-launch-plan", seeds: try AdminFixture.launchPlanRequests().map { try $0.serializedBytes() },
      iterations: 600, mutator: Self.protobufMutator)
    let report = await campaign.run { input in
      try await fixture.registry.createLaunchPlan(Flyteidl_Admin_LaunchPlanCreateRequest(serializedBytes: input))
    }
    #expect(report.findings.isEmpty, "\(report.findings.prefix(5).joined(separator: "\n"))")
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  /// The compiler alone on workflow specs, many more of them: no store in the way, a new id
  /// never matters.
  @Test func workflowSpecsCompileOrReject() async throws {
    let catalog = EntityCatalog(
      tasks: try FuzzSeeds.taskSpecs().map(\.template),
      workflows: try FuzzSeeds.workflowSpecs().flatMap { [$0.template] + $0.subWorkflows },
      launchPlans: try FuzzSeeds.launchPlans())
    let compiler = WorkflowCompiler(catalog: catalog)
    let seeds = try FuzzSeeds.showcase("_2.pb") + [try Self.deeplyBranchedRequest(levels: 30).spec.serializedBytes()]
    let campaign = FuzzCampaign(
      name: "compile-workflow", seeds: seeds, iterations: 3000, mutator: Self.protobufMutator)
    let report = await campaign.run { input in
      _ = try compiler.compile(Flyteidl_Admin_WorkflowSpec(serializedBytes: input))
    }
    #expect(report.findings.isEmpty, "\(report.findings.prefix(5).joined(separator: "\n"))")
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  /// A workflow whose only node is a branch whose `then` is a branch, `levels` deep: the nesting
  /// check must answer, not the stack.
  static func deeplyBranchedRequest(levels: Int) throws -> Flyteidl_Admin_WorkflowCreateRequest {
    let base = try #require(try AdminFixture.workflowRequests().first)
    var innermost = Flyteidl_Core_Node()
    innermost.id = "leaf"
    innermost.taskNode =
      base.spec.template.nodes.first { $0.taskNode.reference != nil }?.taskNode ?? Flyteidl_Core_TaskNode()
    var node = innermost
    for level in 0..<levels {
      var block = Flyteidl_Core_IfBlock()
      block.condition.comparison.operator = .eq
      block.condition.comparison.leftValue.primitive.integer = 1
      block.condition.comparison.rightValue.primitive.integer = 1
      block.thenNode = node
      var branch = Flyteidl_Core_Node()
      branch.id = "branch\(level)"
      branch.branchNode.ifElse.case = block
      branch.branchNode.ifElse.error.message = "no branch"
      node = branch
    }
    var request = base
    request.id.name = "fuzz.deep"
    request.spec.template.id = request.id
    request.spec.template.nodes = [node]
    request.spec.template.outputs = []
    request.spec.template.interface.outputs = Flyteidl_Core_VariableMap()
    return request
  }
}
