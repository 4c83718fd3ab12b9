public import FlyteIDL
import Foundation
import SwiftProtobuf
public import VaneAdminStore
import VaneData
import VaneEngine
import VaneModel
import VaneStore

extension ExecutionManager {
  /// `RelaunchExecution`: the execution again from the start, same workflow, inputs and
  /// settings, under a new name (mode RELAUNCH, `reference_execution` the earlier one).
  public func relaunch(
    _ request: Flyteidl_Admin_ExecutionRelaunchRequest
  ) async throws(AdminError)
    -> Flyteidl_Admin_ExecutionCreateResponse
  {
    try await rerun(request.id, name: request.name, mode: .relaunch, overwriteCache: request.overwriteCache)
  }

  /// `RecoverExecution`: an ended execution again, reusing the outputs of the nodes that
  /// succeeded (mode RECOVERED).
  public func recover(
    _ request: Flyteidl_Admin_ExecutionRecoverRequest
  ) async throws(AdminError)
    -> Flyteidl_Admin_ExecutionCreateResponse
  {
    try await rerun(request.id, name: request.name, mode: .recover, overwriteCache: false)
  }

  private func rerun(
    _ id: Flyteidl_Core_WorkflowExecutionIdentifier, name requested: String, mode: RerunMode,
    overwriteCache: Bool
  ) async throws(AdminError) -> Flyteidl_Admin_ExecutionCreateResponse {
    let old = try await record(id)
    let key = ResourceKey(project: old.name.project, domain: old.name.domain, name: old.name.name)
    guard let oldSpec = try await engineCall({ () throws(EngineError) in try await engine.spec(of: key) }) else {
      throw AdminError(.notFound, "the engine has no such execution", at: "execution \(key)")
    }
    if mode == .recover {
      let status = try await engineCall { () throws(EngineError) in try await engine.status(of: key) }
      let phase = WorkflowPhase(stored: status?.phase ?? 0)
      guard phase.isTerminal else {
        throw AdminError(
          .failedPrecondition,
          "the execution is \(phase.description.lowercased()); only one that ended can be recovered",
          at: "execution \(key)")
      }
    }
    let name = requested.isEmpty ? Self.randomName() : requested
    try Self.checkName(name)
    var newID = oldSpec.id
    newID.name = name
    var spec = mode.spec(
      from: oldSpec, id: newID, dataDir: engine.environment.layout.executionDirectory(newID).rawValue,
      createdAt: Google_Protobuf_Timestamp(date: now()))
    if overwriteCache { spec.config.overwriteCache = true }

    var admin = try Registry.decode(Flyteidl_Admin_ExecutionSpec.self, old.spec, what: "execution \(key)")
    admin.metadata.mode = mode == .recover ? .recovered : .relaunch
    admin.metadata.referenceExecution = oldSpec.id
    admin.metadata.clearParentNodeExecution()
    admin.metadata.clearScheduledAt()
    admin.metadata.nesting = 0
    if overwriteCache { admin.overwriteCache = true }
    let record: ExecutionRecord
    do {
      record = ExecutionRecord(
        name: EntityName(org: newID.org, project: newID.project, domain: newID.domain, name: name),
        launchPlan: old.launchPlan, workflow: old.workflow, spec: try admin.deterministicBinary(), createdAt: now())
    } catch {
      throw AdminError(.internalError, "cannot encode the execution spec: \(error)", at: "execution \(name)")
    }
    try await start(spec, record: record, labels: old.launchPlan.isEmpty ? [:] : ["launch-plan": old.launchPlan])
    var response = Flyteidl_Admin_ExecutionCreateResponse()
    response.id = newID
    return response
  }

  /// Records the execution (claiming its name) and hands it to the engine. Recorded first, so
  /// two requests for one name cannot both reach the engine; a start that fails takes the record
  /// back, and one cut short by a crash leaves an orphan that `removeOrphans` takes back at the
  /// next start.
  func start(_ spec: Vane_ExecutionSpec, record: ExecutionRecord, labels: [String: String]) async throws(AdminError) {
    try await store.recordExecution(record)
    do {
      _ = try await engine.create(spec, labels: labels)
    } catch {
      let failure = AdminError(.internalError, "cannot start the execution: \(error)", at: "execution \(spec.id.name)")
      do {
        _ = try await store.removeExecution(record.name)
      } catch {
        throw AdminError(
          .internalError, "\(failure.message); its record stays until the next start: \(error.message)",
          at: failure.location)
      }
      throw failure
    }
  }
}
