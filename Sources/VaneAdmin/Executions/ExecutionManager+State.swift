public import FlyteIDL
import Foundation
import SwiftProtobuf
public import VaneAdminStore

/// The archive state of executions (`UpdateExecution`), as FlyteAdmin 1.16 keeps it: any
/// recorded execution, running or not, may be archived or made active again; the closure's
/// `state_change_details` say who changed it when (before any change: active, the execution's
/// creator as principal, its creation time); `ListExecutions` returns only active executions
/// unless its filters name `state`.
extension ExecutionManager {
  /// Sets an execution's state; the caller (when authentication is on) is recorded as who did.
  public func update(_ request: Flyteidl_Admin_ExecutionUpdateRequest) async throws(AdminError) {
    let record = try await record(request.id)
    guard request.state == .executionActive || request.state == .executionArchived else {
      throw AdminError(
        .invalidArgument, "state \(request.state.rawValue) is not an execution state (0 active, 1 archived)",
        at: "state")
    }
    let principal = RequestPrincipal.current?.subject ?? ""
    try await store.setExecutionState(record.name, state: request.state.rawValue, by: principal, at: now())
  }

  /// The filters of a list request plus `eq(state,0)` unless they name `state` themselves.
  static func activeUnlessAsked(_ filters: [ListFilter]) -> [ListFilter] {
    guard !filters.contains(where: { $0.field == .state }) else { return filters }
    return filters + [ListFilter(field: .state, op: .equal, values: [.integer(0)])]
  }

  /// `state_change_details` of a record's closure.
  static func stateChange(
    _ record: ExecutionRecord, spec: Flyteidl_Admin_ExecutionSpec
  ) -> Flyteidl_Admin_ExecutionStateChangeDetails {
    var details = Flyteidl_Admin_ExecutionStateChangeDetails()
    details.state = Flyteidl_Admin_ExecutionState(rawValue: record.state) ?? .executionActive
    details.occurredAt = Google_Protobuf_Timestamp(date: record.stateChangedAt ?? record.createdAt)
    details.principal = record.stateChangedAt == nil ? spec.metadata.principal : record.stateChangedBy
    return details
  }
}
