/// The versions of the admin tables and how a database gets from one to the next, for every
/// dialect. The version lives in the dialect's `versionTable` (`component = 'admin'`), apart
/// from the engine's own schema version. Append steps; never edit a shipped one.
///
/// A migration is one transaction: it takes the dialect's lock (several servers starting on
/// one PostgreSQL database migrate once, never half-way), reads the version, runs the missing
/// steps and records the new version.
enum AdminSchema {
  static let component = "admin"

  /// The tables each version adds.
  static let steps: [(version: Int64, tables: [SQLTable])] = [
    (1, [AdminTables.entities, AdminTables.projects, AdminTables.executions]),
    (
      2,
      [
        AdminTables.nodeExecutions, AdminTables.taskExecutions, AdminTables.feedPositions, AdminTables.scheduleFires,
      ]
    ),
  ]

  static var latest: Int64 { steps.map(\.version).max() ?? 0 }

  /// Brings the tables of a database in `dialect` (`place` names it in errors) to `latest`.
  static func migration(_ dialect: SQLDialect, place: String) -> SQLTransaction<Void> {
    let table = dialect.versionTable
    let prepare =
      [dialect.migrationLock].compactMap { $0 } + [
        SQLStatement(
          "CREATE TABLE IF NOT EXISTS \(table) (component TEXT PRIMARY KEY, version \(dialect.typeName(.integer)) NOT NULL)"
        )
      ]
    let read = SQLStatement(
      "SELECT version FROM \(table) WHERE component = ?", [.text(component)], returning: [.integer("version")])
    return .sequence(prepare) {
      .run(read) { (rows) throws(AdminError) in
        let current = rows.first?.integer("version") ?? 0
        guard current <= latest else {
          throw AdminError(
            .internalError,
            "\(place) has admin schema version \(current) but this build knows up to \(latest); use a newer Vane",
            at: "migrate the admin schema")
        }
        let creates = steps.filter { $0.version > current }.flatMap { $0.tables.flatMap { $0.create(in: dialect) } }
        let record = SQLStatement(
          "INSERT INTO \(table) (component, version) VALUES (?, ?) ON CONFLICT (component) DO UPDATE SET version = excluded.version",
          [.text(component), .integer(latest)])
        return .sequence(creates + [record]) { .done(()) }
      }
    }
  }
}
