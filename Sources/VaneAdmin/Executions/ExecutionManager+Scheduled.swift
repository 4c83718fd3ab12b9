import FlyteIDL
import Foundation
import SwiftProtobuf
public import VaneAdminStore
import VaneModel

extension ExecutionManager {
  /// Starts one scheduled run of a launch plan: mode SCHEDULED, `scheduled_at` the scheduled
  /// time, the kickoff input (if the schedule names one) set to that time, under the run's
  /// deterministic name — a second launch of the same run fails with `alreadyExists`.
  public func launch(_ run: ScheduledLaunch) async throws(AdminError) {
    var request = Flyteidl_Admin_ExecutionCreateRequest()
    request.project = run.plan.project
    request.domain = run.plan.domain
    request.org = run.plan.org
    request.name = run.executionName
    request.spec.launchPlan.resourceType = .launchPlan
    request.spec.launchPlan.project = run.plan.project
    request.spec.launchPlan.domain = run.plan.domain
    request.spec.launchPlan.name = run.plan.name
    request.spec.launchPlan.version = run.plan.version
    request.spec.launchPlan.org = run.plan.org
    request.spec.metadata.scheduledAt = Google_Protobuf_Timestamp(date: run.time)
    if !run.kickoffInput.isEmpty {
      var literal = Flyteidl_Core_Literal()
      literal.scalar.primitive.datetime = Google_Protobuf_Timestamp(date: run.time)
      request.inputs.literals[run.kickoffInput] = literal
    }
    _ = try await create(request, mode: .scheduled)
  }
}
