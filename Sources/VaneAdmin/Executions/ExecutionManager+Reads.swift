public import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneData
import VaneEngine
import VaneModel
import VaneStore

extension ExecutionManager {
  static let filters = FilterParser(entityPrefix: "execution", fields: [.project, .domain, .name, .createdAt])

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

  /// One page of executions of a project and domain.
  public func list(
    _ request: Flyteidl_Admin_ResourceListRequest
  ) async throws(AdminError)
    -> Flyteidl_Admin_ExecutionList
  {
    let scope = try ListRequest.scope(project: request.id.project, domain: request.id.domain, name: request.id.name)
    let query = try ListRequest(parser: Self.filters).query(
      scope: scope, filters: request.filters, sort: request.hasSortBy ? request.sortBy : nil, limit: request.limit,
      token: request.token)
    let page = try await store.executions(query)
    var list = Flyteidl_Admin_ExecutionList()
    for record in page.items { list.executions.append(try await message(record)) }
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

  func message(_ record: ExecutionRecord) async throws(AdminError) -> Flyteidl_Admin_Execution {
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
    let spec = try await engineCall { () throws(EngineError) in try await engine.spec(of: key) }
    if let spec { closure.workflowID = spec.closure.primary.template.id }
    let status = try await engineCall { () throws(EngineError) in try await engine.status(of: key) }
    if let status { ExecutionClosureMapping().fill(&closure, status) }
    execution.closure = closure
    return execution
  }

  func engineCall<T>(_ body: () async throws(EngineError) -> T) async throws(AdminError) -> T {
    do {
      return try await body()
    } catch {
      throw AdminError(.internalError, error.description, at: "engine")
    }
  }
}
