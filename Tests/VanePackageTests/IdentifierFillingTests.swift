import FlyteIDL
import Foundation
import Testing
import VaneModel
import VanePackage

@Suite struct IdentifierFillingTests {
  /// Every identifier anywhere in a node tree, with the path to it.
  private func identifiers(in node: Flyteidl_Core_Node) -> [Flyteidl_Core_Identifier] {
    var found: [Flyteidl_Core_Identifier] = []
    var copy = node
    copy.visitNodes { visited in
      switch visited.target {
      case .taskNode(let task): found.append(task.referenceID)
      case .workflowNode(let workflow):
        switch workflow.reference {
        case .launchplanRef(let id)?, .subWorkflowRef(let id)?: found.append(id)
        case nil: break
        }
      default: break
      }
    }
    return found
  }

  private func allIdentifiers(_ package: FlytePackage) -> [Flyteidl_Core_Identifier] {
    var ids = package.tasks.map(\.template.id)
    for spec in package.workflows {
      for template in [spec.template] + spec.subWorkflows {
        ids.append(template.id)
        ids += template.nodes.flatMap(identifiers(in:))
        if template.hasFailureNode { ids += identifiers(in: template.failureNode) }
      }
    }
    ids += package.launchPlans.flatMap { [$0.id, $0.spec.workflowID] }
    return ids
  }

  @Test func fillsEveryReferenceInAFlytekitPackage() throws {
    let package = try PackageLoader(project: "proj", domain: "staging", version: "v1")
      .load(from: TestSupport.fixture("nested-fast.tgz"))
    let ids = allIdentifiers(package)
    #expect(ids.count > 20)
    for id in ids {
      #expect(id.project == "proj" && id.domain == "staging" && id.version == "v1", "\(id.name)")
      #expect(!id.name.isEmpty)
    }
    // The references the fixture is known to hold, nested in branch, array and workflow nodes.
    let outer = try #require(package.workflow(named: "nested.flows.outer"))
    let referenced = Set(outer.template.nodes.flatMap(identifiers(in:)).map { EntityKey($0).description })
    #expect(
      referenced == [
        "proj:staging:nested.flows.double:v1", "proj:staging:nested.flows.inner:v1",
        "proj:staging:nested.flows.square:v1", "proj:staging:nested.flows.inner_lp:v1",
        "proj:staging:nested.flows.map_square_6b3bd0353da5de6e84d7982921ead2b3-arraynode:v1",
        "proj:staging:nested.flows.fan:v1",
      ])
    #expect(outer.subWorkflows.map { EntityKey($0.id).description } == ["proj:staging:nested.flows.inner:v1"])
    // Lookup by the filled identifier finds what the workflow refers to.
    let task = package.task(
      id: EntityKey(project: "proj", domain: "staging", name: "nested.flows.square", version: "v1").identifier(.task))
    #expect(task?.template.id.name == "nested.flows.square")
  }

  @Test func keepsValuesThatAreSetAndReplacesPlaceholders() {
    let scope = RegistrationScope(project: "p", domain: "d", version: "v")
    var id = Flyteidl_Core_Identifier()
    id.project = "theirs"
    id.domain = "{{ registration.domain }}"
    id.version = "{{registration.VERSION}}"
    id.name = "x"
    scope.fill(&id, as: .task)
    #expect(id.project == "theirs" && id.domain == "d" && id.version == "v" && id.resourceType == .task)
  }

  @Test func fillsNestedBranchArrayAndFailureNodes() {
    var deepest = SampleEntities.taskNode("deep", "t.deep")
    var array = Flyteidl_Core_ArrayNode()
    array.node = deepest
    deepest = Flyteidl_Core_Node()
    deepest.id = "array"
    deepest.arrayNode = array

    var launch = Flyteidl_Core_Node()
    launch.id = "lp"
    launch.workflowNode.launchplanRef = SampleEntities.identifier(.unspecified, "lp.ref")

    var branch = Flyteidl_Core_Node()
    branch.id = "branch"
    branch.branchNode.ifElse.case.thenNode = deepest
    var other = Flyteidl_Core_IfBlock()
    other.thenNode = launch
    branch.branchNode.ifElse.other = [other]
    branch.branchNode.ifElse.elseNode = SampleEntities.taskNode("else", "t.else")

    var template = Flyteidl_Core_WorkflowTemplate()
    template.id = SampleEntities.identifier(.workflow, "wf")
    template.nodes = [branch]
    template.failureNode = SampleEntities.taskNode("efn", "t.failure")

    RegistrationScope(project: "p", domain: "d", version: "v").fill(&template)

    var seen: [String: Flyteidl_Core_Identifier] = [:]
    template.visitNodes { node in
      switch node.target {
      case .taskNode(let task): seen[node.id] = task.referenceID
      case .workflowNode(let workflow): seen[node.id] = workflow.launchplanRef
      default: break
      }
    }
    #expect(Set(seen.keys) == ["deep", "lp", "else", "efn"])
    #expect(seen.values.allSatisfy { $0.project == "p" && $0.domain == "d" && $0.version == "v" })
    #expect(seen["lp"]?.resourceType == .launchPlan)
    #expect(template.id.version == "v")
  }
}
