public import FlyteIDL
import Foundation
import SwiftProtobuf
public import VaneAdminStore
import VaneData
import VaneEngine
import VaneModel
import VaneStore

extension ExecutionManager {
  static let filters = FilterParser(entityPrefix: "execution", fields: [.project, .domain, .name, .createdAt, .state])

  /// An execution with its phase, times, outputs or error.
  public func execution(
    _ id: Flyteidl_Core_WorkflowExecutionIdentifier
  ) async throws(AdminError)
    -> Flyteidl_Admin_Execution
  {
    try await message(try await record(id))
  }

  /// The inputs and (once it succeeded) outputs of an execution.
  public func data(
    _ id: Flyteidl_Core_WorkflowExecutionIdentifier
  ) async throws(AdminError)
    -> Flyteidl_Admin_WorkflowExecutionGetDataResponse
  {
    let record = try await record(id)
    let key = ResourceKey(project: record.name.project, domain: record.name.domain, name: record.name.name)
    var response = Flyteidl_Admin_WorkflowExecutionGetDataResponse()
    let spec = try await engineCall { () throws(EngineError) in try await engine.spec(of: key) }
    if let spec { response.fullInputs = spec.inputs }
    let status = try await engineCall { () throws(EngineError) in try await engine.status(of: key) }
    if let status, !status.outputsUri.isEmpty {
      do {
        let bytes = try await engine.environment.dataStore.read(DataURI(status.outputsUri))
        response.fullOutputs = try Flyteidl_Core_LiteralMap(serializedBytes: bytes)
        response.outputs.url = status.outputsUri
        response.outputs.bytes = Int64(bytes.count)
      } catch {
        throw AdminError(.internalError, "cannot read the outputs at \(status.outputsUri): \(error)", at: "\(key)")
      }
    }
    return response
  }

  /// One page of executions of a project and domain; archived ones only when the filters
  /// name `state`.
  public func list(
    _ request: Flyteidl_Admin_ResourceListRequest
  ) async throws(AdminError)
    -> Flyteidl_Admin_ExecutionList
  {
    let scope = try ListRequest.scope(project: request.id.project, domain: request.id.domain, name: request.id.name)
    var query = try ListRequest(parser: Self.filters).query(
      scope: scope, filters: request.filters, sort: request.hasSortBy ? request.sortBy : nil, limit: request.limit,
      token: request.token)
    query.filters = Self.activeUnlessAsked(query.filters)
    let store = self.store
    let page = try await budget.page(
      query, size: { $0.spec.count }, fetch: { (chunk) throws(AdminError) in try await store.executions(chunk) })
    var list = Flyteidl_Admin_ExecutionList()
    for record in page.items { list.executions.append(try await message(record, light: true)) }
    list.token = ListRequest.token(page)
    return list
  }

  /// Asks the engine to abort a running execution.
  public func terminate(_ id: Flyteidl_Core_WorkflowExecutionIdentifier, cause: String) async throws(AdminError) {
    let record = try await record(id)
    let key = ResourceKey(project: record.name.project, domain: record.name.domain, name: record.name.name)
    let status = try await engineCall { () throws(EngineError) in try await engine.status(of: key) }
    if let status, let phase = WorkflowPhase(rawValue: status.phase), phase.isTerminal {
      throw AdminError(.failedPrecondition, "the execution has already ended (\(phase))", at: "execution \(key)")
    }
    let reason = cause.isEmpty ? "terminated through the admin API" : cause
    try await engineCall { () throws(EngineError) in try await engine.abort(key, reason: reason) }
  }

  func record(_ id: Flyteidl_Core_WorkflowExecutionIdentifier) async throws(AdminError) -> ExecutionRecord {
    guard !id.project.isEmpty, !id.domain.isEmpty, !id.name.isEmpty else {
      throw AdminError(.invalidArgument, "give the execution's project, domain and name", at: "id")
    }
    let name = EntityName(org: id.org, project: id.project, domain: id.domain, name: id.name)
    guard let record = try await store.execution(name) else {
      throw AdminError(.notFound, "no such execution", at: "execution \(id.project):\(id.domain):\(id.name)")
    }
    return record
  }

  /// The `admin.Execution` of a record. `light` (for lists) leaves out what a list does not
  /// show and costs the most: the workflow id comes from the record instead of the engine's
  /// spec (the whole compiled closure), and the status is decoded without its node tree.
  func message(_ record: ExecutionRecord, light: Bool = false) async throws(AdminError) -> Flyteidl_Admin_Execution {
    let key = ResourceKey(project: record.name.project, domain: record.name.domain, name: record.name.name)
    var execution = Flyteidl_Admin_Execution()
    execution.id.project = record.name.project
    execution.id.domain = record.name.domain
    execution.id.name = record.name.name
    execution.id.org = record.name.org
    execution.spec = try Registry.decode(Flyteidl_Admin_ExecutionSpec.self, record.spec, what: "execution \(key)")
    var closure = Flyteidl_Admin_ExecutionClosure()
    closure.createdAt = Google_Protobuf_Timestamp(date: record.createdAt)
    closure.computedInputs = execution.spec.inputs
    closure.stateChangeDetails = Self.stateChange(record, spec: execution.spec)
    if light, let workflow = Self.workflowID(record.workflow) {
      closure.workflowID = workflow
    } else {
      let spec = try await engineCall { () throws(EngineError) in try await engine.spec(of: key) }
      if let spec { closure.workflowID = spec.closure.primary.template.id }
    }
    let status =
      light
      ? try await statusSummary(key)
      : try await engineCall { () throws(EngineError) in try await engine.status(of: key) }
    if let status { ExecutionClosureMapping().fill(&closure, status) }
    execution.closure = closure
    return execution
  }

  /// The status without its node tree (field 8, `nodes`).
  func statusSummary(_ key: ResourceKey) async throws(AdminError) -> Vane_ExecutionStatus? {
    do {
      guard let stored = try await engine.store.getStatus(key) else { return nil }
      let bytes = WireFields.removing([8], from: stored.status) ?? stored.status
      return try Vane_ExecutionStatus(serializedBytes: bytes)
    } catch {
      throw AdminError(.internalError, "cannot read the status: \(error)", at: "execution \(key)")
    }
  }

  /// `project:domain:name:version` (optionally `org:` first) as a workflow identifier.
  static func workflowID(_ text: String) -> Flyteidl_Core_Identifier? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 4 || parts.count == 5 else { return nil }
    var id = Flyteidl_Core_Identifier()
    id.resourceType = .workflow
    if parts.count == 5 { id.org = parts[0] }
    let tail = parts.suffix(4)
    (id.project, id.domain, id.name, id.version) = (
      tail[tail.startIndex], tail[tail.startIndex + 1], tail[tail.startIndex + 2], tail[tail.startIndex + 3]
    )
    return id
  }

  func engineCall<T>(_ body: () async throws(EngineError) -> T) async throws(AdminError) -> T {
    do {
      return try await body()
    } catch {
      throw AdminError(.internalError, error.description, at: "engine", cause: error)
    }
  }
}
