public import Foundation
public import VaneModel

extension SQLAdminStore {
  public func recordFire(
    _ plan: EntityKey, at time: Date, execution: String, firedAt: Date
  ) async throws(AdminError)
    -> Bool
  {
    let row: [SQLValue] =
      plan.named + [
        .text(plan.version), .integer(microseconds(time)), .text(execution), .integer(microseconds(firedAt)),
      ]
    return try await transaction(
      "record the scheduled run of \(plan)",
      .run(AdminTables.scheduleFires.insertUnlessPresent(row)) { (inserted) throws(AdminError) in
        .done(!inserted.isEmpty)
      })
  }

  public func lastFire(_ plan: EntityKey) async throws(AdminError) -> Date? {
    let statement = SQLStatement(
      """
      SELECT max(scheduled_at) AS latest FROM \(AdminTables.scheduleFires.name)
      WHERE \(SQLTable.equal(AdminTables.named)) AND version = ?
      """, plan.named + [.text(plan.version)], returning: [.integer("latest")])
    let rows = try await read("read the last scheduled run of \(plan)", statement)
    return rows.first?.optionalInteger("latest").map { date(microseconds: $0) }
  }
}
