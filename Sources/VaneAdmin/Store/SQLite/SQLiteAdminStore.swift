public import Foundation
public import VaneModel
public import VaneStore

/// `AdminStore` in Vane's SQLite file, next to the engine's tables (the embedded default).
///
/// Shares the engine store's `SQLiteDatabase` (pass `SQLiteResourceStore.database`), so admin
/// writes and engine writes are serialised by one writer lock and land in one WAL. Each method
/// is one transaction; reads use the reader connection and never wait for writes.
public final class SQLiteAdminStore: AdminStore {
  /// The database the admin tables live in.
  public let database: SQLiteDatabase

  /// Uses an open database, creating or migrating the admin tables.
  public init(database: SQLiteDatabase) throws(AdminError) {
    self.database = database
    do {
      try SQLiteAdminSchema.migrate(database)
    } catch {
      throw error.admin
    }
  }

  static let entityColumns: [ListField: String] = [
    .project: "project", .domain: "domain", .name: "name", .version: "version",
    .createdAt: "created_at", .updatedAt: "updated_at", .state: "state",
  ]

  static let entitySelect =
    "SELECT kind, org, project, domain, name, version, created_at, updated_at, state, spec, closure FROM admin_entities"

  public func register(_ entity: RegisteredEntity) async throws(AdminError) -> RegistrationOutcome {
    let operation = "register \(entity.kind) \(entity.key)"
    do {
      return try database.write { connection throws(StoreError) -> RegistrationOutcome in
        let existing = try connection.withStatement(
          "SELECT spec FROM admin_entities WHERE kind = ? AND org = ? AND project = ? AND domain = ? AND name = ? AND version = ?"
        ) { statement throws(StoreError) -> Data? in
          try Self.bindKey(statement, entity.kind, entity.key)
          return try statement.step() ? statement.data(0) : nil
        }
        if let existing {
          guard existing == entity.spec else {
            throw StoreError(
              .alreadyExists,
              "a \(entity.kind) with different content is registered as \(entity.key); register it under a new version",
              operation: operation)
          }
          return .identical
        }
        try connection.withStatement(
          """
          INSERT INTO admin_entities (kind, org, project, domain, name, version, created_at, updated_at, state, spec, closure)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """
        ) { statement throws(StoreError) in
          try Self.bindKey(statement, entity.kind, entity.key)
          try statement.bind(microseconds(entity.createdAt), at: 7)
          try statement.bind(microseconds(entity.updatedAt), at: 8)
          try statement.bind(Int64(entity.state), at: 9)
          try statement.bind(entity.spec, at: 10)
          try statement.bind(entity.closure, at: 11)
          try statement.run()
        }
        return .created
      }
    } catch {
      throw error.admin
    }
  }

  public func entity(_ kind: EntityKind, _ key: EntityKey) async throws(AdminError) -> RegisteredEntity? {
    do {
      return try database.read { connection throws(StoreError) -> RegisteredEntity? in
        try connection.withStatement(
          Self.entitySelect
            + " WHERE kind = ? AND org = ? AND project = ? AND domain = ? AND name = ? AND version = ?"
        ) { statement throws(StoreError) -> RegisteredEntity? in
          try Self.bindKey(statement, kind, key)
          return try statement.step() ? Self.entity(statement) : nil
        }
      }
    } catch {
      throw error.admin
    }
  }

  public func entities(_ kind: EntityKind, _ query: ListQuery) async throws(AdminError) -> Page<RegisteredEntity> {
    let operation = "list \(kind)s"
    var clause = SQLiteListClause(columns: Self.entityColumns)
    clause.require("kind = ?", [.integer(Int64(kind.rawValue))])
    try clause.add(query.filters, operation: operation)
    let order = try clause.orderSQL(query.sort, tieBreak: ["name", "version"], operation: operation)
    let sql = "\(Self.entitySelect) \(clause.whereSQL) \(order) LIMIT ? OFFSET ?"
    do {
      let rows = try database.read { connection throws(StoreError) -> [RegisteredEntity] in
        try connection.withStatement(sql) { statement throws(StoreError) -> [RegisteredEntity] in
          try Self.bindPage(statement, clause, query)
          var rows: [RegisteredEntity] = []
          while try statement.step() { rows.append(try Self.entity(statement)) }
          return rows
        }
      }
      return Page(items: rows, of: query)
    } catch {
      throw error.admin
    }
  }

  public func entityNames(_ kind: EntityKind, _ query: ListQuery) async throws(AdminError) -> Page<EntityName> {
    let operation = "list \(kind) names"
    var clause = SQLiteListClause(columns: Self.entityColumns)
    clause.require("kind = ?", [.integer(Int64(kind.rawValue))])
    try clause.add(query.filters, operation: operation)
    // Sort over the newest version of each name; fields that vary per version sort by name.
    let sortable: [ListField: String] = [
      .project: "project", .domain: "domain", .name: "name", .createdAt: "newest", .updatedAt: "newest",
    ]
    let sort = sortable[query.sort.field] == nil ? ListSort(field: .name, ascending: query.sort.ascending) : query.sort
    let order = try SQLiteListClause(columns: sortable).orderSQL(sort, tieBreak: ["name"], operation: operation)
    let sql = """
      SELECT org, project, domain, name, MAX(created_at) AS newest FROM admin_entities \(clause.whereSQL)
      GROUP BY org, project, domain, name \(order) LIMIT ? OFFSET ?
      """
    do {
      let names = try database.read { connection throws(StoreError) -> [EntityName] in
        try connection.withStatement(sql) { statement throws(StoreError) -> [EntityName] in
          try Self.bindPage(statement, clause, query)
          var names: [EntityName] = []
          while try statement.step() {
            names.append(
              EntityName(
                org: statement.text(0), project: statement.text(1), domain: statement.text(2),
                name: statement.text(3)))
          }
          return names
        }
      }
      return Page(items: names, of: query)
    } catch {
      throw error.admin
    }
  }

  public func setLaunchPlanState(_ key: EntityKey, active: Bool, at time: Date) async throws(AdminError) {
    let operation = "update launch plan \(key)"
    do {
      try database.write { connection throws(StoreError) in
        if active {
          try connection.withStatement(
            """
            UPDATE admin_entities SET state = 0, updated_at = ?
            WHERE kind = 3 AND org = ? AND project = ? AND domain = ? AND name = ? AND version <> ? AND state <> 0
            """
          ) { statement throws(StoreError) in
            try statement.bind(microseconds(time), at: 1)
            try Self.bindName(statement, key, from: 2)
            try statement.bind(key.version, at: 6)
            try statement.run()
          }
        }
        try connection.withStatement(
          """
          UPDATE admin_entities SET state = ?, updated_at = ?
          WHERE kind = 3 AND org = ? AND project = ? AND domain = ? AND name = ? AND version = ?
          """
        ) { statement throws(StoreError) in
          try statement.bind(Int64(active ? 1 : 0), at: 1)
          try statement.bind(microseconds(time), at: 2)
          try Self.bindName(statement, key, from: 3)
          try statement.bind(key.version, at: 7)
          try statement.run()
        }
        guard connection.changes == 1 else {
          throw StoreError(.notFound, "no launch plan is registered as \(key)", operation: operation)
        }
      }
    } catch {
      throw error.admin
    }
  }

  public func activeLaunchPlan(_ name: EntityName) async throws(AdminError) -> RegisteredEntity? {
    do {
      return try database.read { connection throws(StoreError) -> RegisteredEntity? in
        try connection.withStatement(
          Self.entitySelect
            + " WHERE kind = 3 AND org = ? AND project = ? AND domain = ? AND name = ? AND state = 1"
            + " ORDER BY updated_at DESC LIMIT 1"
        ) { statement throws(StoreError) -> RegisteredEntity? in
          try statement.bind(name.org, at: 1)
          try statement.bind(name.project, at: 2)
          try statement.bind(name.domain, at: 3)
          try statement.bind(name.name, at: 4)
          return try statement.step() ? Self.entity(statement) : nil
        }
      }
    } catch {
      throw error.admin
    }
  }

  // MARK: Rows

  static func bindKey(_ statement: SQLiteStatement, _ kind: EntityKind, _ key: EntityKey) throws(StoreError) {
    try statement.bind(Int64(kind.rawValue), at: 1)
    try bindName(statement, key, from: 2)
    try statement.bind(key.version, at: 6)
  }

  static func bindName(_ statement: SQLiteStatement, _ key: EntityKey, from first: Int32) throws(StoreError) {
    try statement.bind(key.org, at: first)
    try statement.bind(key.project, at: first + 1)
    try statement.bind(key.domain, at: first + 2)
    try statement.bind(key.name, at: first + 3)
  }

  static func bindPage(_ statement: SQLiteStatement, _ clause: SQLiteListClause, _ query: ListQuery) throws(StoreError)
  {
    try clause.bind(statement)
    let next = Int32(clause.values.count) + 1
    try statement.bind(Int64(query.limit), at: next)
    try statement.bind(Int64(query.offset), at: next + 1)
  }

  static func entity(_ statement: SQLiteStatement) throws(StoreError) -> RegisteredEntity {
    guard let kind = EntityKind(rawValue: Int(statement.int64(0))) else {
      throw StoreError(.corrupt, "unknown entity kind \(statement.int64(0))", operation: "read admin entity")
    }
    let key = EntityKey(
      project: statement.text(2), domain: statement.text(3), name: statement.text(4), version: statement.text(5),
      org: statement.text(1))
    return RegisteredEntity(
      kind: kind, key: key, spec: statement.data(9), closure: statement.data(10), state: Int(statement.int64(8)),
      createdAt: date(microseconds: statement.int64(6)), updatedAt: date(microseconds: statement.int64(7)))
  }
}
