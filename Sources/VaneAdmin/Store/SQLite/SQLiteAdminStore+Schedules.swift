public import Foundation
public import VaneModel
import VaneStore

extension SQLiteAdminStore: ScheduleStore {
  public func recordFire(
    _ plan: EntityKey, at time: Date, execution: String, firedAt: Date
  ) async throws(AdminError)
    -> Bool
  {
    do {
      return try database.write { connection throws(StoreError) -> Bool in
        try connection.withStatement(
          """
          INSERT INTO admin_schedule_fires (org, project, domain, name, version, scheduled_at, execution, fired_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
          """
        ) { statement throws(StoreError) in
          try Self.bindName(statement, plan, from: 1)
          try statement.bind(plan.version, at: 5)
          try statement.bind(microseconds(time), at: 6)
          try statement.bind(execution, at: 7)
          try statement.bind(microseconds(firedAt), at: 8)
          try statement.run()
        }
        return connection.changes == 1
      }
    } catch {
      throw error.admin
    }
  }

  public func lastFire(_ plan: EntityKey) async throws(AdminError) -> Date? {
    do {
      return try database.read { connection throws(StoreError) -> Date? in
        try connection.withStatement(
          """
          SELECT max(scheduled_at) FROM admin_schedule_fires
          WHERE org = ? AND project = ? AND domain = ? AND name = ? AND version = ?
          """
        ) { statement throws(StoreError) -> Date? in
          try Self.bindName(statement, plan, from: 1)
          try statement.bind(plan.version, at: 5)
          guard try statement.step(), !statement.isNull(0) else { return nil }
          return date(microseconds: statement.int64(0))
        }
      }
    } catch {
      throw error.admin
    }
  }
}
