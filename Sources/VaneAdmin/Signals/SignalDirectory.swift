public import FlyteIDL
import Foundation
public import VaneAdminStore
public import VaneEngine
import VaneModel
import VaneStore

/// Signals of gate nodes through the admin API, over the engine's `SignalStore` (the same
/// key-value records `vane signal` reads and writes). A signal exists once a gate asked for
/// it; setting it checks the declared type, stores the value once, and queues a round of the
/// execution so the gate is released at once.
public struct SignalDirectory: Sendable {
  let signals: SignalStore
  let executions: any AdminStore
  let engine: Engine

  public init(executions: any AdminStore, engine: Engine) {
    self.signals = SignalStore(keyValues: engine.environment.keyValues)
    self.executions = executions
    self.engine = engine
  }

  /// One page of the signals gates of an execution asked for, by signal id.
  public func list(_ request: Flyteidl_Admin_SignalListRequest) async throws(AdminError) -> Flyteidl_Admin_SignalList {
    let execution = try await existing(request.workflowExecutionID, field: "workflow_execution_id")
    guard request.filters.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw AdminError(.invalidArgument, "signals cannot be filtered; list them all and pick", at: "filters")
    }
    guard request.limit > 0 else { throw AdminError(.invalidArgument, "limit must be greater than 0", at: "limit") }
    let offset: Int
    if request.token.isEmpty {
      offset = 0
    } else if let parsed = Int(request.token), parsed >= 0 {
      offset = parsed
    } else {
      throw AdminError(.invalidArgument, "'\(request.token)' is not a page token from an earlier response", at: "token")
    }
    let all = try await read(execution)
    let page = all.dropFirst(offset).prefix(Int(request.limit))
    var list = Flyteidl_Admin_SignalList()
    list.signals = page.map { Self.message($0, execution) }
    if offset + page.count < all.count { list.token = String(offset + page.count) }
    return list
  }

  /// Sets a signal a gate waits for.
  public func set(_ request: Flyteidl_Admin_SignalSetRequest) async throws(AdminError) {
    let execution = try await existing(request.id.executionID, field: "id.execution_id")
    guard !request.id.signalID.isEmpty else {
      throw AdminError(.invalidArgument, "signal_id is required", at: "id.signal_id")
    }
    guard request.hasValue else { throw AdminError(.invalidArgument, "a value is required", at: "value") }
    do {
      try await signals.set(request.value, for: request.id.signalID, in: execution)
    } catch {
      throw Self.admin(error)
    }
    engine.wakeUp(ResourceKey(execution: execution))
  }

  /// The signal if a gate asked for it. Vane's gates create their signals themselves, so an
  /// unknown one is not created here.
  public func getOrCreate(
    _ request: Flyteidl_Admin_SignalGetOrCreateRequest
  ) async throws(AdminError)
    -> Flyteidl_Admin_Signal
  {
    let execution = try await existing(request.id.executionID, field: "id.execution_id")
    guard let signal = try await read(execution).first(where: { $0.id == request.id.signalID }) else {
      throw AdminError(
        .failedPrecondition, "no gate of this execution waits for it; gate nodes create their signals when they start",
        at: "signal '\(request.id.signalID)'")
    }
    if request.hasType, request.type != signal.type {
      throw AdminError(
        .invalidArgument, "the signal is declared \(signal.type.readable), not \(request.type.readable)",
        at: "signal '\(request.id.signalID)'")
    }
    return Self.message(signal, execution)
  }

  private func read(
    _ execution: Flyteidl_Core_WorkflowExecutionIdentifier
  ) async throws(AdminError) -> [SignalStore.Signal] {
    do {
      return try await signals.signals(of: execution)
    } catch {
      throw Self.admin(error)
    }
  }

  private func existing(
    _ id: Flyteidl_Core_WorkflowExecutionIdentifier, field: String
  ) async throws(AdminError)
    -> Flyteidl_Core_WorkflowExecutionIdentifier
  {
    guard !id.project.isEmpty, !id.domain.isEmpty, !id.name.isEmpty else {
      throw AdminError(.invalidArgument, "give the execution's project, domain and name", at: field)
    }
    let name = EntityName(org: id.org, project: id.project, domain: id.domain, name: id.name)
    guard try await executions.execution(name) != nil else {
      throw AdminError(.notFound, "no such execution", at: "execution \(id.project):\(id.domain):\(id.name)")
    }
    return id
  }

  static func message(
    _ signal: SignalStore.Signal, _ execution: Flyteidl_Core_WorkflowExecutionIdentifier
  ) -> Flyteidl_Admin_Signal {
    var message = Flyteidl_Admin_Signal()
    message.id.signalID = signal.id
    message.id.executionID = execution
    message.type = signal.type
    if let value = signal.value { message.value = value }
    return message
  }

  static func admin(_ error: SignalError) -> AdminError {
    switch error.code {
    case .unknownSignal: AdminError(.notFound, error.message, at: error.location, cause: error)
    case .alreadySet: AdminError(.alreadyExists, error.message, at: error.location, cause: error)
    case .typeMismatch: AdminError(.invalidArgument, error.message, at: error.location, cause: error)
    case .corrupt, .storage: AdminError(.internalError, error.message, at: error.location, cause: error)
    }
  }
}
