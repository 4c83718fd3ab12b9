/// The versions of the admin tables and how a database gets from one to the next, for every
/// dialect. The version lives in the dialect's `versionTable` (`component = 'admin'`), apart
/// from the engine's own schema version. Append steps; never edit a shipped one.
///
/// A migration is one transaction: it takes the dialect's lock (several servers starting on
/// one PostgreSQL database migrate once, never half-way), reads the version, runs the missing
/// steps and records the new version.
enum AdminSchema {
  static let component = "admin"

  /// The tables each version adds, and the columns it adds to tables of earlier versions.
  /// Tables are created with all their columns, so a column is only added to a table that a
  /// database had before (created by an earlier step than the one it is migrating from).
  static let steps: [(version: Int64, tables: [SQLTable], columns: [(table: SQLTable, names: [String])])] = [
    (1, [AdminTables.entities, AdminTables.projects, AdminTables.executions], []),
    (
      2,
      [
        AdminTables.nodeExecutions, AdminTables.taskExecutions, AdminTables.feedPositions, AdminTables.scheduleFires,
      ], []
    ),
    (3, [AdminTables.namedEntities], [(AdminTables.executions, AdminTables.stateColumns.map(\.name))]),
    (4, [AdminTables.matchableAttributes], []),
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
        let missing = steps.filter { $0.version > current }
        let creates = missing.flatMap { $0.tables.flatMap { $0.create(in: dialect) } }
        let widens = missing.flatMap { step in
          step.columns.filter { existed($0.table, at: current) }.flatMap { change in
            change.names.map { change.table.addColumn($0, in: dialect) }
          }
        }
        let record = SQLStatement(
          "INSERT INTO \(table) (component, version) VALUES (?, ?) ON CONFLICT (component) DO UPDATE SET version = excluded.version",
          [.text(component), .integer(latest)])
        return .sequence(creates + widens + [record]) { .done(()) }
      }
    }
  }

  /// Whether a database at schema `version` has `table` already.
  static func existed(_ table: SQLTable, at version: Int64) -> Bool {
    steps.contains { $0.version <= version && $0.tables.contains { $0.name == table.name } }
  }
}
