import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneAdmin
import VaneAdminStore
import VaneModel

enum FlyteScheduleFixtures {
  static func rate(minutes: UInt32) -> Flyteidl_Admin_Schedule {
    var schedule = Flyteidl_Admin_Schedule()
    schedule.rate.value = minutes
    schedule.rate.unit = .minute
    return schedule
  }

  static func cron(_ text: String, kickoff: String = "") -> Flyteidl_Admin_Schedule {
    var schedule = Flyteidl_Admin_Schedule()
    schedule.cronSchedule.schedule = text
    schedule.kickoffTimeInputArg = kickoff
    return schedule
  }

  /// An active launch plan with `schedule`, stored directly (activated at `activatedAt`).
  static func activePlan(
    _ name: String, schedule: Flyteidl_Admin_Schedule, activatedAt: Date, store: any AdminStore
  ) async throws -> EntityKey {
    let key = EntityKey(project: "flytesnacks", domain: "development", name: name, version: "v1")
    var spec = Flyteidl_Admin_LaunchPlanSpec()
    spec.entityMetadata.schedule = schedule
    spec.workflowID.name = name
    _ = try await store.register(
      RegisteredEntity(
        kind: .launchPlan, key: key, spec: try spec.serializedBytes(),
        closure: try Flyteidl_Admin_LaunchPlanClosure().serializedBytes(), state: 1, createdAt: activatedAt,
        updatedAt: activatedAt))
    return key
  }
}
