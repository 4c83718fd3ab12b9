import Foundation
import Testing
import VaneAdminStore

@testable import VaneAdmin

/// The most specific matchable attribute wins, as in FlyteAdmin's resource repository.
@Suite struct MatchableResolverTests {
  static func row(_ scope: MatchableScope) -> MatchableAttributeRecord {
    let tag = [scope.org, scope.project, scope.domain, scope.workflow, scope.launchPlan].joined(separator: "|")
    return MatchableAttributeRecord(scope: scope, resourceType: 6, attributes: Data(tag.utf8))
  }

  let project = row(MatchableScope(project: "p"))
  let domain = row(MatchableScope(project: "p", domain: "development"))
  let workflow = row(MatchableScope(project: "p", domain: "development", workflow: "wf"))
  let plan = row(MatchableScope(project: "p", domain: "development", workflow: "wf", launchPlan: "lp"))
  let otherDomain = row(MatchableScope(project: "p", domain: "production"))
  let otherWorkflow = row(MatchableScope(project: "p", domain: "development", workflow: "other"))
  let otherOrg = row(MatchableScope(org: "o", project: "p", domain: "development"))

  var all: [MatchableAttributeRecord] { [project, domain, workflow, plan, otherDomain, otherWorkflow, otherOrg] }

  @Test func workflowBeatsProjectDomainBeatsProjectInAnyOrder() {
    let query = MatchableResolver.Query(project: "p", domain: "development", workflow: "wf")
    for rows in [all, all.reversed(), [project, domain, workflow], [workflow, domain, project]] {
      #expect(MatchableResolver.resolve(rows, for: query) == workflow)
    }
    #expect(MatchableResolver.resolve([project, domain], for: query) == domain)
    #expect(MatchableResolver.resolve([domain, project], for: query) == domain)
    #expect(MatchableResolver.resolve([project], for: query) == project)
  }

  @Test func aLaunchPlanRowOnlyAppliesToItsLaunchPlanAndThenWins() {
    let withPlan = MatchableResolver.Query(project: "p", domain: "development", workflow: "wf", launchPlan: "lp")
    #expect(MatchableResolver.resolve(all, for: withPlan) == plan)
    let withoutPlan = MatchableResolver.Query(project: "p", domain: "development", workflow: "wf")
    #expect(MatchableResolver.resolve([plan, project], for: withoutPlan) == project)
  }

  @Test func rowsOfOtherScopesNeverApply() {
    let other = MatchableResolver.Query(project: "p", domain: "staging", workflow: "wf")
    #expect(MatchableResolver.resolve(all, for: other) == project, "only the project row covers another domain")
    #expect(MatchableResolver.resolve([otherDomain, otherWorkflow, workflow], for: other) == nil)
    #expect(MatchableResolver.resolve(all, for: .init(project: "q", domain: "development")) == nil)
    let inOrg = MatchableResolver.Query(org: "o", project: "p", domain: "development", workflow: "wf")
    #expect(MatchableResolver.resolve(all, for: inOrg) == otherOrg, "orgs are never a wildcard")
    #expect(MatchableResolver.resolve([], for: other) == nil)
  }

  @Test func aProjectQueryFindsOnlyTheProjectRow() {
    #expect(MatchableResolver.resolve(all, for: .init(project: "p")) == project)
    #expect(MatchableResolver.resolve([domain, workflow], for: .init(project: "p")) == nil)
  }

  @Test func prioritiesAreFlytes() {
    #expect(MatchableResolver.priority(project.scope) == 5)
    #expect(MatchableResolver.priority(domain.scope) == 10)
    #expect(MatchableResolver.priority(workflow.scope) == 100)
    #expect(MatchableResolver.priority(plan.scope) == 1000)
  }
}
