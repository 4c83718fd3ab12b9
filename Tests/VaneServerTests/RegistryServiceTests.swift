import FlyteIDL
import FlyteIDLGRPC
import Foundation
import GRPCCore
import SwiftProtobuf
import Testing
import VaneAdmin
import VaneServer

@Suite struct RegistryServiceTests {
  @Test func registersGetsAndListsOverGRPC() async throws {
    try await AdminHarness.run { admin, _, _ in
      for version in ["v1", "v2", "v3"] {
        _ = try await admin.createTask(taskRequest("wf.add1", version: version))
      }
      _ = try await admin.createTask(taskRequest("wf.other"))
      _ = try await admin.createWorkflow(workflowRequest("wf.main", task: "wf.add1"))
      _ = try await admin.createLaunchPlan(launchPlanRequest("wf.main", workflow: "wf.main", defaultX: 3))

      var get = Flyteidl_Admin_ObjectGetRequest()
      get.id = identifier("wf.add1", .task, version: "v2")
      let task = try await admin.getTask(get)
      #expect(task.closure.compiledTask.template.id.version == "v2")
      #expect(task.closure.hasCreatedAt)

      get.id = identifier("wf.main", .workflow)
      let workflow = try await admin.getWorkflow(get)
      #expect(workflow.closure.compiledWorkflow.primary.template.nodes.map(\.id).contains("n0"))
      #expect(workflow.closure.compiledWorkflow.tasks.count == 1)

      get.id = identifier("wf.main", .launchPlan)
      let plan = try await admin.getLaunchPlan(get)
      #expect(plan.closure.state == .inactive)
      #expect(plan.closure.expectedInputs.parameters["x"]?.required == false)
      #expect(plan.closure.expectedOutputs.variables["o0"] != nil)

      let byName = try await admin.listTasks(listRequest(name: "wf.add1"))
      #expect(byName.tasks.count == 3)
      let filtered = try await admin.listTasks(listRequest(filters: "eq(name,wf.add1)+value_in(version,v1;v3)"))
      #expect(Set(filtered.tasks.map(\.id.version)) == ["v1", "v3"])
      let contains = try await admin.listTasks(listRequest(filters: "contains(task.name,other)"))
      #expect(contains.tasks.map(\.id.name) == ["wf.other"])

      // Paging: 4 tasks, 3 per page, sorted by version ascending.
      let first = try await admin.listTasks(listRequest(limit: 3, sortKey: "version"))
      #expect(first.tasks.count == 3)
      #expect(!first.token.isEmpty)
      let second = try await admin.listTasks(listRequest(limit: 3, token: first.token, sortKey: "version"))
      #expect(second.tasks.count == 1)
      #expect(second.token.isEmpty)
      let all = Set((first.tasks + second.tasks).map { "\($0.id.name)@\($0.id.version)" })
      #expect(all.count == 4)

      var ids = Flyteidl_Admin_NamedEntityIdentifierListRequest()
      ids.project = "flytesnacks"
      ids.domain = "development"
      ids.limit = 10
      ids.sortBy.key = "name"
      ids.sortBy.direction = .ascending
      let names = try await admin.listTaskIds(ids)
      #expect(names.entities.map(\.name) == ["wf.add1", "wf.other"])
    }
  }

  @Test func reRegistrationIsIdempotentAndConflictsAreRejected() async throws {
    try await AdminHarness.run { admin, _, _ in
      _ = try await admin.createTask(taskRequest("wf.add1"))
      _ = try await admin.createTask(taskRequest("wf.add1"))  // identical: fine
      let (code, message) = await AdminHarness.code {
        _ = try await admin.createTask(taskRequest("wf.add1", image: "python:3.12"))
      }
      #expect(code == .invalidArgument)
      #expect(message.contains("different content"))
      var get = Flyteidl_Admin_ObjectGetRequest()
      get.id = identifier("wf.add1", .task)
      let stored = try await admin.getTask(get)
      #expect(stored.closure.compiledTask.template.container.image == "python:3.11")
    }
  }

  @Test func invalidWorkflowListsEveryCompilerError() async throws {
    try await AdminHarness.run { admin, _, _ in
      _ = try await admin.createTask(taskRequest("wf.add1"))
      var request = workflowRequest("wf.bad", task: "wf.missing", upstreamOutput: "nope")
      request.spec.template.nodes[0].inputs[0].binding = promise("ghost", "x")
      let (code, message) = await AdminHarness.code { _ = try await admin.createWorkflow(request) }
      #expect(code == .invalidArgument)
      #expect(message.contains("wf.missing"))
      #expect(message.contains("ghost"))
      var get = Flyteidl_Admin_ObjectGetRequest()
      get.id = identifier("wf.bad", .workflow)
      let (missing, _) = await AdminHarness.code { _ = try await admin.getWorkflow(get) }
      #expect(missing == .notFound)
    }
  }

  /// Issue #9, repro 2: a spec's durations and counts are range-checked at registration, for
  /// a task on its own and for the nodes of a workflow.
  @Test func outOfRangeTimeoutsAndRetriesAreInvalidArgument() async throws {
    try await AdminHarness.run { admin, _, _ in
      var task = taskRequest("wf.add1")
      task.spec.template.metadata.retries.retries = .max
      let (taskCode, taskMessage) = await AdminHarness.code { _ = try await admin.createTask(task) }
      #expect(taskCode == .invalidArgument)
      #expect(taskMessage.contains("metadata.retries is 4294967295"), "\(taskMessage)")

      _ = try await admin.createTask(taskRequest("wf.add1"))
      var request = workflowRequest("wf.slow", task: "wf.add1")
      request.spec.template.nodes[0].metadata.timeout.seconds = 100_000_000_000_000_000
      let (code, message) = await AdminHarness.code { _ = try await admin.createWorkflow(request) }
      #expect(code == .invalidArgument)
      #expect(message.contains("metadata.timeout is 100000000000000000 s"), "\(message)")
    }
  }

  @Test(arguments: [
    "eq(name)", "eq(name,)", "equals(name,x)", "eq(color,red)", "gt(created_at,yesterday)", "eq(name,x)+",
    "contains(created_at,2024)",
  ])
  func malformedFiltersAreInvalidArgument(filters: String) async throws {
    try await AdminHarness.run { admin, _, _ in
      let (code, message) = await AdminHarness.code { _ = try await admin.listTasks(listRequest(filters: filters)) }
      #expect(code == .invalidArgument, "\(filters): \(message)")
    }
  }

  @Test func badPagingAndSortAreInvalidArgument() async throws {
    try await AdminHarness.run { admin, _, _ in
      for request in [listRequest(limit: 0), listRequest(token: "abc"), listRequest(sortKey: "colour")] {
        let (code, _) = await AdminHarness.code { _ = try await admin.listTasks(request) }
        #expect(code == .invalidArgument)
      }
    }
  }

  @Test func launchPlansActivateOneVersionAtATime() async throws {
    try await AdminHarness.run { admin, _, _ in
      _ = try await admin.createTask(taskRequest("wf.add1"))
      _ = try await admin.createTask(taskRequest("wf.add1", version: "v2"))
      _ = try await admin.createWorkflow(workflowRequest("wf.main", task: "wf.add1"))
      _ = try await admin.createWorkflow(workflowRequest("wf.main", task: "wf.add1", version: "v2", taskVersion: "v2"))
      _ = try await admin.createLaunchPlan(launchPlanRequest("wf.main", workflow: "wf.main"))
      _ = try await admin.createLaunchPlan(launchPlanRequest("wf.main", workflow: "wf.main", version: "v2"))

      var active = Flyteidl_Admin_ActiveLaunchPlanRequest()
      active.id.project = "flytesnacks"
      active.id.domain = "development"
      active.id.name = "wf.main"
      let (none, _) = await AdminHarness.code { _ = try await admin.getActiveLaunchPlan(active) }
      #expect(none == .notFound)

      for version in ["v1", "v2"] {
        var update = Flyteidl_Admin_LaunchPlanUpdateRequest()
        update.id = identifier("wf.main", .launchPlan, version: version)
        update.state = .active
        _ = try await admin.updateLaunchPlan(update)
      }
      #expect(try await admin.getActiveLaunchPlan(active).id.version == "v2")
      let activeOnes = try await admin.listLaunchPlans(listRequest(filters: "eq(state,1)"))
      #expect(activeOnes.launchPlans.map(\.id.version) == ["v2"])

      let (unknownWorkflow, _) = await AdminHarness.code {
        _ = try await admin.createLaunchPlan(launchPlanRequest("wf.x", workflow: "wf.absent"))
      }
      #expect(unknownWorkflow == .notFound)
    }
  }

  @Test func projectsDomainsAndVersion() async throws {
    try await AdminHarness.run { admin, _, _ in
      var register = Flyteidl_Admin_ProjectRegisterRequest()
      register.project.id = "demo"
      _ = try await admin.registerProject(register)
      let (again, _) = await AdminHarness.code { _ = try await admin.registerProject(register) }
      #expect(again == .alreadyExists)
      let projects = try await admin.listProjects(Flyteidl_Admin_ProjectListRequest())
      #expect(projects.projects.map(\.id) == ["demo", "flytesnacks"])
      #expect(projects.projects.first?.domains.map(\.id) == ["development", "staging", "production"])
      let domains = try await admin.getDomains(Flyteidl_Admin_GetDomainRequest())
      #expect(domains.domains.count == 3)
      #expect(try await admin.getVersion(Flyteidl_Admin_GetVersionRequest()).controlPlaneVersion.build == "vane")
      // Not offered (no engine attached): UNIMPLEMENTED, which clients can tell apart.
      let (code, _) = await AdminHarness.code {
        _ = try await admin.getExecution(Flyteidl_Admin_WorkflowExecutionGetRequest())
      }
      #expect(code == .unimplemented)
    }
  }
}
