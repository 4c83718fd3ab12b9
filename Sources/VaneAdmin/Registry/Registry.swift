public import FlyteIDL
public import Foundation
import SwiftProtobuf
public import VaneAdminStore
import VaneCompiler
import VaneModel

/// The registry: registers tasks, workflows (compiled against what is registered) and launch
/// plans (checked against their workflow), and reads them back as flyteidl messages.
///
/// Re-registering an id with the same spec succeeds and changes nothing; a different spec
/// under an existing id fails with `invalidArgument` ("… with different content is registered
/// as …; register it under a new version"), as FlyteAdmin does — `ALREADY_EXISTS` would be
/// taken by flytekit as "identical, fine" and the new code would be silently dropped.
public struct Registry: Sendable {
  public let store: any AdminStore
  let now: @Sendable () -> Date
  /// How many bytes of entities one list page may hold.
  public var budget = ResponseBudget()

  public init(store: any AdminStore, now: @escaping @Sendable () -> Date = { Date() }) {
    self.store = store
    self.now = now
  }

  /// Registers a task.
  public func createTask(_ request: Flyteidl_Admin_TaskCreateRequest) async throws(AdminError) {
    let key = try IdentifierCheck.key(request.id, .task)
    guard request.hasSpec, request.spec.hasTemplate else {
      throw AdminError(.invalidArgument, "the request has no spec.template", at: "task \(key)")
    }
    var spec = request.spec
    Self.scope(key).fill(&spec)
    spec.template.id.resourceType = .task
    try Self.checkSameID(spec.template.id, key, what: "task")
    guard !spec.template.type.isEmpty else {
      throw AdminError(.invalidArgument, "spec.template.type is empty; name the task type", at: "task \(key)")
    }
    let problems = WorkflowCompiler.limitProblems(of: spec.template)
    guard problems.isEmpty else {
      throw AdminError(.invalidArgument, problems.joined(separator: "; "), at: "task \(key)")
    }
    var closure = Flyteidl_Admin_TaskClosure()
    closure.compiledTask.template = spec.template
    closure.createdAt = Google_Protobuf_Timestamp(date: now())
    try await register(.task, key, spec: spec, closure: closure)
  }

  /// Compiles and registers a workflow; every compiler error is listed in the failure.
  public func createWorkflow(_ request: Flyteidl_Admin_WorkflowCreateRequest) async throws(AdminError) {
    let key = try IdentifierCheck.key(request.id, .workflow)
    guard request.hasSpec, request.spec.hasTemplate else {
      throw AdminError(.invalidArgument, "the request has no spec.template", at: "workflow \(key)")
    }
    var spec = request.spec
    Self.scope(key).fill(&spec)
    spec.template.id.resourceType = .workflow
    try Self.checkSameID(spec.template.id, key, what: "workflow")
    let catalog = try await EntityCatalogLoader(store: store).load(for: spec)
    var closure = Flyteidl_Admin_WorkflowClosure()
    do {
      closure.compiledWorkflow = try WorkflowCompiler(catalog: catalog).compile(spec)
    } catch {
      throw AdminError(.invalidArgument, error.description, at: "workflow \(key)")
    }
    closure.createdAt = Google_Protobuf_Timestamp(date: now())
    try await register(.workflow, key, spec: spec, closure: closure)
  }

  /// Registers a launch plan (inactive) after checking it against its registered workflow.
  public func createLaunchPlan(_ request: Flyteidl_Admin_LaunchPlanCreateRequest) async throws(AdminError) {
    let key = try IdentifierCheck.key(request.id, .launchPlan)
    guard request.hasSpec else {
      throw AdminError(.invalidArgument, "the request has no spec", at: "launch plan \(key)")
    }
    var plan = Flyteidl_Admin_LaunchPlan()
    plan.id = request.id
    plan.spec = request.spec
    Self.scope(key).fill(&plan)
    let workflowKey = try IdentifierCheck.key(plan.spec.workflowID, .workflow, field: "spec.workflow_id")
    guard let stored = try await store.entity(.workflow, workflowKey) else {
      throw AdminError(
        .notFound, "its workflow \(workflowKey) is not registered; register the workflow first",
        at: "launch plan \(key)")
    }
    let workflow = try Self.decode(Flyteidl_Admin_WorkflowClosure.self, stored.closure, what: "workflow \(workflowKey)")
    let interface = workflow.compiledWorkflow.primary.template.interface
    try LaunchPlanCheck(key: key, spec: plan.spec, interface: interface).run()
    var closure = Flyteidl_Admin_LaunchPlanClosure()
    closure.expectedInputs = LaunchPlanInterface.expectedInputs(spec: plan.spec, workflowInputs: interface.inputs)
    closure.expectedOutputs = interface.outputs
    closure.createdAt = Google_Protobuf_Timestamp(date: now())
    try await register(.launchPlan, key, spec: plan.spec, closure: closure)
  }

  private func register(
    _ kind: EntityKind, _ key: EntityKey, spec: some SwiftProtobuf.Message, closure: some SwiftProtobuf.Message
  ) async throws(AdminError) {
    let entity: RegisteredEntity
    do {
      entity = RegisteredEntity(
        kind: kind, key: key, spec: try spec.deterministicBinary(), closure: try closure.deterministicBinary(),
        createdAt: now())
    } catch {
      throw AdminError(.internalError, "cannot encode the \(kind): \(error)", at: "\(kind) \(key)")
    }
    do {
      _ = try await store.register(entity)
    } catch  where error.code == .alreadyExists {
      throw AdminError(.invalidArgument, error.message, at: "\(kind) \(key)")
    }
  }

  static func scope(_ key: EntityKey) -> RegistrationScope {
    RegistrationScope(project: key.project, domain: key.domain, version: key.version)
  }

  private static func checkSameID(_ id: Flyteidl_Core_Identifier, _ key: EntityKey, what: String) throws(AdminError) {
    guard EntityKey(id) == key else {
      throw AdminError(
        .invalidArgument, "the template's id \(EntityKey(id)) differs from the request's id; make them equal",
        at: "\(what) \(key)")
    }
  }

  /// Decodes stored bytes; a failure is an internal error naming the entity.
  static func decode<M: SwiftProtobuf.Message>(_ type: M.Type, _ bytes: Data, what: String) throws(AdminError) -> M {
    do {
      return try M(serializedBytes: bytes)
    } catch {
      throw AdminError(.internalError, "the stored record cannot be decoded: \(error)", at: what)
    }
  }
}
