public import Foundation
import PostgresNIO
public import VaneModel

extension PostgresAdminStore: ScheduleStore {
  public func recordFire(
    _ plan: EntityKey, at time: Date, execution: String, firedAt: Date
  ) async throws(AdminError)
    -> Bool
  {
    let (client, logger) = (self.client, self.logger)
    return try await perform("record the scheduled run of \(plan)") {
      let inserted = try await client.query(
        """
        INSERT INTO admin_schedule_fires (org, project, domain, name, version, scheduled_at, execution, fired_at)
        VALUES (\(plan.org), \(plan.project), \(plan.domain), \(plan.name), \(plan.version),
          \(Int64(microsecondsOf: time)), \(execution), \(Int64(microsecondsOf: firedAt)))
        ON CONFLICT DO NOTHING RETURNING 1
        """, logger: logger)
      for try await _ in inserted.decode(Int32.self) { return true }
      return false
    }
  }

  public func lastFire(_ plan: EntityKey) async throws(AdminError) -> Date? {
    let (client, logger) = (self.client, self.logger)
    return try await perform("read the last scheduled run of \(plan)") {
      let rows = try await client.query(
        """
        SELECT max(scheduled_at) FROM admin_schedule_fires
        WHERE org = \(plan.org) AND project = \(plan.project) AND domain = \(plan.domain) AND name = \(plan.name)
        AND version = \(plan.version)
        """, logger: logger)
      for try await latest in rows.decode(Int64?.self) { return latest.map { date(microseconds: $0) } }
      return nil
    }
  }
}
