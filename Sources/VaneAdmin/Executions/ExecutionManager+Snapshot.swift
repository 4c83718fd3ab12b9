public import FlyteIDL
public import Foundation
public import VaneAdminStore
import VaneData
import VaneEngine
public import VaneModel
import VaneStore

/// An execution as the admin side knows it together with what the engine holds for it: the
/// compiled workflow and the status with every node's phase and times. What a console draws
/// an execution's graph, node table and timeline from in one read.
public struct ExecutionSnapshot: Sendable {
  /// The admin view (spec, phase, times, error).
  public var execution: Flyteidl_Admin_Execution
  /// The engine's spec (compiled workflow, inputs, launch plans); nil when the engine has no
  /// such execution (it failed to start).
  public var spec: Vane_ExecutionSpec?
  /// The engine's status with the node tree; nil before the engine wrote one.
  public var status: Vane_ExecutionStatus?
}

extension ExecutionManager {
  /// The execution with the engine's spec and status.
  public func snapshot(_ id: Flyteidl_Core_WorkflowExecutionIdentifier) async throws(AdminError) -> ExecutionSnapshot {
    let record = try await record(id)
    let key = ResourceKey(project: record.name.project, domain: record.name.domain, name: record.name.name)
    let spec = try await engineCall { () throws(EngineError) in try await engine.spec(of: key) }
    let status = try await engineCall { () throws(EngineError) in try await engine.status(of: key) }
    var execution = try await message(record)
    if let status { ExecutionClosureMapping().fill(&execution.closure, status) }
    return ExecutionSnapshot(execution: execution, spec: spec, status: status)
  }

  /// Only the engine's status of an execution (what live updates read on every change).
  public func status(_ id: Flyteidl_Core_WorkflowExecutionIdentifier) async throws(AdminError) -> Vane_ExecutionStatus?
  {
    let key = ResourceKey(project: id.project, domain: id.domain, name: id.name)
    return try await engineCall { () throws(EngineError) in try await engine.status(of: key) }
  }

  /// The bytes stored at `uri` in the engine's data store (inputs, outputs, decks, files of
  /// executions), at most `limit` of them; nil when nothing is there.
  public func readData(_ uri: String, limit: Int) async throws(AdminError) -> Data? {
    let store = engine.environment.dataStore
    do {
      let data = try await store.read(DataURI(uri))
      guard data.count <= limit else {
        throw AdminError(.failedPrecondition, "the file is larger than \(limit) bytes", at: uri)
      }
      return data
    } catch let error as AdminError {
      throw error
    } catch let error as DataError where error.code == .notFound {
      return nil
    } catch {
      throw AdminError(.internalError, "cannot read it: \(error)", at: uri)
    }
  }

  /// The objects stored under `prefix` (a directory output), sorted.
  public func listData(_ prefix: String) async throws(AdminError) -> [String] {
    do {
      return try await engine.environment.dataStore.list(prefix: DataURI(prefix)).map(\.rawValue)
    } catch {
      throw AdminError(.internalError, "cannot list it: \(error)", at: prefix)
    }
  }

  /// Where the engine keeps execution data and raw outputs (links outside them are refused).
  public var dataRoots: [String] {
    let layout = engine.environment.layout
    return [layout.metadataRoot.rawValue, layout.rawOutputRoot.rawValue]
  }
}
