public import FlyteIDL
public import Foundation
import SwiftProtobuf
public import VaneAdminStore
import VaneData
public import VaneEngine
import VaneModel
import VaneStore

/// Executions through the admin API: `CreateExecution` turns a registered launch plan into an
/// execution resource for the engine (the workflow's compiled closure from the registry, the
/// launch plan's defaults, the given inputs, its fixed inputs); reads map the engine's status
/// onto flyteidl's `admin.Execution`.
public struct ExecutionManager: Sendable {
  let store: any AdminStore
  let engine: Engine
  let now: @Sendable () -> Date
  /// How many bytes of executions one list page may hold.
  public var budget = ResponseBudget()

  public init(store: any AdminStore, engine: Engine, now: @escaping @Sendable () -> Date = { Date() }) {
    self.store = store
    self.engine = engine
    self.now = now
  }

  /// Creates and starts an execution of a launch plan; `mode` is recorded in its metadata
  /// (the scheduler passes `.scheduled`).
  public func create(
    _ request: Flyteidl_Admin_ExecutionCreateRequest, mode: Flyteidl_Admin_ExecutionMetadata.ExecutionMode = .manual
  ) async throws(AdminError) -> Flyteidl_Admin_ExecutionCreateResponse {
    guard !request.project.isEmpty, !request.domain.isEmpty else {
      throw AdminError(.invalidArgument, "project and domain are required", at: "execution request")
    }
    let name = request.name.isEmpty ? Self.randomName() : request.name
    try Self.checkName(name)
    try await checkProjectAndDomain(project: request.project, domain: request.domain, org: request.org)
    let planID = request.spec.launchPlan
    guard planID.resourceType == .launchPlan || planID.resourceType == .unspecified else {
      throw AdminError(
        .unimplemented, "executions of a single \(planID.resourceType) are not supported yet; launch a launch plan",
        at: "spec.launch_plan")
    }
    let planKey = try IdentifierCheck.key(planID, .launchPlan, field: "spec.launch_plan")
    guard let storedPlan = try await store.entity(.launchPlan, planKey) else {
      throw AdminError(.notFound, "no launch plan is registered under this id", at: "launch plan \(planKey)")
    }
    let plan = try Registry.launchPlan(storedPlan)
    let workflowKey = EntityKey(plan.spec.workflowID)
    guard let storedWorkflow = try await store.entity(.workflow, workflowKey) else {
      throw AdminError(.notFound, "the launch plan's workflow is not registered", at: "workflow \(workflowKey)")
    }
    let workflow = try Registry.workflow(storedWorkflow)
    let given = request.hasInputs ? request.inputs : request.spec.inputs
    let inputs = try ExecutionInputs(plan: plan).assemble(given)
    let check = ExecutionRequestCheck(layout: engine.environment.layout)
    try check.localReferences(inputs, project: request.project)
    try ExecutionRequestCheck.environment(
      Dictionary(plan.spec.envs.values.map { ($0.key, $0.value) }) { _, new in new }, at: "launch plan envs")
    try ExecutionRequestCheck.environment(
      Dictionary(request.spec.envs.values.map { ($0.key, $0.value) }) { _, new in new }, at: "spec.envs")
    let attributes = try await MatchableAttributeDirectory(store: store).executionConfigs(
      org: request.org, project: request.project, domain: request.domain, workflow: plan.spec.workflowID.name)
    let effective = Self.effective(request.spec, plan: plan.spec, attributes: attributes)
    try check.rawOutputPrefix(effective.rawOutputDataConfig.outputLocationPrefix)

    var spec = Vane_ExecutionSpec()
    spec.id.project = request.project
    spec.id.domain = request.domain
    spec.id.name = name
    spec.id.org = request.org
    spec.closure = workflow.closure.compiledWorkflow
    try await applyTaskAttributes(
      to: &spec.closure, org: request.org, project: request.project, domain: request.domain,
      launchPlan: plan.id.name)
    spec.inputs = inputs
    spec.launchPlan = plan.id
    spec.launchPlans = try await LaunchPlanClosureLoader(store: store).load(from: spec.closure)
    // Launch plan nodes' child executions get theirs too (Flyte creates them through FlyteAdmin).
    for index in spec.launchPlans.indices {
      let child = spec.launchPlans[index].id
      try await applyTaskAttributes(
        to: &spec.launchPlans[index].closure, org: request.org, project: child.project, domain: child.domain,
        launchPlan: child.name)
    }
    let layout = engine.environment.layout
    spec.dataDir = layout.executionDirectory(spec.id).rawValue
    spec.config = Self.config(effective, rawOutputRoot: layout.rawOutputRoot)
    do {
      _ = try RawOutputPrefix.validated(spec.config.rawOutputPrefix)
    } catch {
      throw AdminError(.invalidArgument, error.message, at: "spec.raw_output_data_config")
    }
    spec.createdAt = Google_Protobuf_Timestamp(date: now())

    var recorded = request.spec
    recorded.inputs = inputs
    recorded.launchPlan = plan.id
    recorded.metadata.mode = mode
    // FlyteAdmin records the resolved parallelism; Vane also records the resolved raw output
    // prefix, labels and annotations, so GetExecution shows what the execution runs with.
    recorded.maxParallelism = effective.maxParallelism
    if !effective.rawOutputDataConfig.outputLocationPrefix.isEmpty {
      recorded.rawOutputDataConfig = effective.rawOutputDataConfig
    }
    if !effective.labels.values.isEmpty { recorded.labels = effective.labels }
    if !effective.annotations.values.isEmpty { recorded.annotations = effective.annotations }
    let record: ExecutionRecord
    do {
      record = ExecutionRecord(
        name: EntityName(org: request.org, project: request.project, domain: request.domain, name: name),
        launchPlan: planKey.description, workflow: workflowKey.description, spec: try recorded.deterministicBinary(),
        createdAt: now())
    } catch {
      throw AdminError(.internalError, "cannot encode the execution spec: \(error)", at: "execution \(name)")
    }
    try await start(spec, record: record, labels: ["launch-plan": planKey.description])
    var response = Flyteidl_Admin_ExecutionCreateResponse()
    response.id = spec.id
    return response
  }

  /// The engine's settings for an execution: each setting from the request, else the launch
  /// plan, else the matchable `WORKFLOW_EXECUTION_CONFIG`s (most specific first), else the
  /// server's default — FlyteAdmin's `getExecutionConfig` order and merge.
  static func config(
    _ spec: Flyteidl_Admin_ExecutionSpec, plan: Flyteidl_Admin_LaunchPlanSpec,
    attributes: [Flyteidl_Admin_WorkflowExecutionConfig] = [], rawOutputRoot: DataURI
  ) -> Vane_ExecutionConfig {
    config(effective(spec, plan: plan, attributes: attributes), rawOutputRoot: rawOutputRoot)
  }

  static func effective(
    _ spec: Flyteidl_Admin_ExecutionSpec, plan: Flyteidl_Admin_LaunchPlanSpec,
    attributes: [Flyteidl_Admin_WorkflowExecutionConfig]
  ) -> Flyteidl_Admin_WorkflowExecutionConfig {
    ExecutionConfigMerge.merged(
      [ExecutionConfigSource(spec), ExecutionConfigSource(plan)] + attributes.map(ExecutionConfigSource.init))
  }

  static func config(_ merged: Flyteidl_Admin_WorkflowExecutionConfig, rawOutputRoot: DataURI) -> Vane_ExecutionConfig {
    var config = Vane_ExecutionConfig()
    config.maxParallelism = UInt32(max(0, merged.maxParallelism))
    let prefix = merged.rawOutputDataConfig.outputLocationPrefix
    config.rawOutputPrefix = prefix.isEmpty ? rawOutputRoot.rawValue : prefix
    config.interruptible = merged.interruptible.value
    config.overwriteCache = merged.overwriteCache
    for pair in merged.envs.values { config.env[pair.key] = pair.value }
    config.labels = merged.labels.values
    config.annotations = merged.annotations.values
    config.maxSystemFailures = 3
    return config
  }

  /// Like Flyte's generated names: a letter and 19 lowercase letters or digits.
  static func randomName() -> String {
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    let alphabet = letters + Array("0123456789")
    var generator = SystemRandomNumberGenerator()
    let first = letters[Int.random(in: 0..<letters.count, using: &generator)]
    return String(first) + String((0..<19).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
  }

  static func checkName(_ name: String) throws(AdminError) {
    if let problem = IdentifierRules.problem(withExecutionName: name) {
      throw AdminError(.invalidArgument, problem, at: "name")
    }
  }

  /// As FlyteAdmin: the project and domain are well-formed, the project is registered and the
  /// domain is one of its domains.
  func checkProjectAndDomain(project: String, domain: String, org: String) async throws(AdminError) {
    if let problem = IdentifierRules.problem(withLabel: project, what: "project") {
      throw AdminError(.invalidArgument, problem, at: "project")
    }
    if let problem = IdentifierRules.problem(withLabel: domain, what: "domain") {
      throw AdminError(.invalidArgument, problem, at: "domain")
    }
    guard ProjectDirectory.domains.contains(where: { $0.id == domain }) else {
      let known = ProjectDirectory.domains.map(\.id).joined(separator: ", ")
      throw AdminError(.invalidArgument, "domain '\(domain)' does not exist (domains: \(known))", at: "domain")
    }
    let projects = try await store.projects()
    guard projects.contains(where: { $0.id == project && $0.org == org }) else {
      throw AdminError(
        .invalidArgument, "project '\(project)' is not registered; register it first (pyflyte/flytectl create project)",
        at: "project")
    }
  }
}
