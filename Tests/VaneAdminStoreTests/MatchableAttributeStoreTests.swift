import Foundation
import Testing
import VaneAdminStore

/// Matchable attributes, against SQLite and PostgreSQL.
@Suite struct MatchableAttributeStoreTests {
  static let t0 = AdminStoreContractTests.t0
  static let workflowConfig = 6
  static let taskResource = 0

  static func record(_ scope: MatchableScope, _ payload: String, type: Int = workflowConfig) -> MatchableAttributeRecord
  {
    MatchableAttributeRecord(scope: scope, resourceType: type, attributes: Data(payload.utf8))
  }

  @Test(arguments: StoreUnderTest.allCases)
  func oneRowPerScopeAndTypeThatUpdatesReplaceAndDeletesRemove(store kind: StoreUnderTest) async throws {
    try await kind.with { store in
      let project = MatchableScope(project: "p")
      let domain = MatchableScope(project: "p", domain: "d")
      let workflow = MatchableScope(project: "p", domain: "d", workflow: "wf")
      #expect(try await store.matchableAttribute(domain, resourceType: Self.workflowConfig) == nil)

      for (scope, payload) in [(project, "project"), (domain, "domain"), (workflow, "workflow")] {
        try await store.updateMatchableAttribute(Self.record(scope, payload), at: Self.t0)
      }
      try await store.updateMatchableAttribute(Self.record(domain, "resources", type: Self.taskResource), at: Self.t0)
      try await store.updateMatchableAttribute(Self.record(domain, "domain, again"), at: Self.t0.addingTimeInterval(1))

      #expect(
        try await store.matchableAttribute(domain, resourceType: Self.workflowConfig)
          == Self.record(domain, "domain, again"))
      #expect(
        try await store.matchableAttribute(domain, resourceType: Self.taskResource)
          == Self.record(domain, "resources", type: Self.taskResource))
      #expect(
        try await store.matchableAttribute(project, resourceType: Self.workflowConfig)?.attributes
          == Data("project".utf8))
      #expect(
        try await store.matchableAttribute(MatchableScope(project: "q"), resourceType: Self.workflowConfig) == nil)
      #expect(
        try await store.matchableAttribute(MatchableScope(org: "o", project: "p"), resourceType: Self.workflowConfig)
          == nil,
        "another org's project is another project")

      let all = try await store.matchableAttributes(resourceType: Self.workflowConfig, project: nil, org: "")
      #expect(all.map(\.scope) == [project, domain, workflow])
      try await store.updateMatchableAttribute(Self.record(MatchableScope(project: "q"), "q"), at: Self.t0)
      let ofP = try await store.matchableAttributes(resourceType: Self.workflowConfig, project: "p", org: "")
      #expect(ofP.map(\.scope) == [project, domain, workflow])
      #expect(try await store.matchableAttributes(resourceType: Self.workflowConfig, project: nil, org: "").count == 4)
      #expect(try await store.matchableAttributes(resourceType: Self.taskResource, project: nil, org: "").count == 1)

      try await store.deleteMatchableAttribute(workflow, resourceType: Self.workflowConfig)
      #expect(try await store.matchableAttribute(workflow, resourceType: Self.workflowConfig) == nil)
      let again = await AdminStoreContractTests.code {
        try await store.deleteMatchableAttribute(workflow, resourceType: Self.workflowConfig)
      }
      #expect(again == .notFound)
      let otherType = await AdminStoreContractTests.code {
        try await store.deleteMatchableAttribute(project, resourceType: Self.taskResource)
      }
      #expect(otherType == .notFound)
      #expect(try await store.matchableAttribute(domain, resourceType: Self.taskResource) != nil)
    }
  }
}
