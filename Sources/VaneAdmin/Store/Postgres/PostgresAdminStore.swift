public import Foundation
public import Logging
import PostgresNIO
public import ServiceLifecycle
public import VaneModel

/// `AdminStore` on PostgreSQL (postgres-nio's connection pool), for deployments where the
/// admin database lives outside the data directory. Same contract and tables as
/// `SQLiteAdminStore`, including node and task executions (`ExecutionEventStore`) and
/// schedule fires (`ScheduleStore`): each method is one transaction; the schema is created or
/// migrated on first use.
///
/// Run `service` (the connection pool) under the same `ServiceGroup` as the servers, listed
/// before them so it shuts down after them; calls wait until the pool runs. Call
/// `prepare()` at start-up to migrate and to learn early that the database is unreachable.
public final class PostgresAdminStore: AdminStore {
  let client: PostgresClient
  let logger: Logger
  /// `host:port/database`, for error messages (never the password).
  let endpoint: String
  private let gate = PostgresSchemaGate()

  /// A store over a new connection pool to the database `settings` name.
  public init(settings: Config.Postgres, logger: Logger) {
    var configuration = PostgresClient.Configuration(
      host: settings.host, port: settings.port, username: settings.user,
      password: settings.password.isEmpty ? nil : settings.password, database: settings.database, tls: .disable)
    configuration.options.maximumConnections = max(1, settings.maxConnections)
    configuration.options.minimumConnections = 0
    configuration.options.connectionIdleTimeout = .seconds(60)
    // The pool warns when a call waits for `run()`, which start-up does on purpose.
    var background = logger
    background.logLevel = .error
    self.client = PostgresClient(configuration: configuration, backgroundLogger: background)
    self.logger = logger
    self.endpoint = "\(settings.host):\(settings.port)/\(settings.database)"
  }

  /// The connection pool, to run under a `ServiceGroup`.
  public var service: any Service { client }

  /// Creates or migrates the admin tables (once; later calls return at once).
  public func prepare() async throws(AdminError) {
    let client = self.client
    let logger = self.logger
    try await gate.open { () throws(AdminError) in
      do {
        try await PostgresAdminSchema.migrate(client, logger: logger)
      } catch {
        throw adminError(error, operation: "migrate the admin schema")
      }
    }
  }

  static let entityColumns: [ListField: String] = [
    .project: "project", .domain: "domain", .name: "name", .version: "version",
    .createdAt: "created_at", .updatedAt: "updated_at", .state: "state",
  ]
  static let textColumns: Set<String> = ["org", "project", "domain", "name", "version"]
  static let entitySelect =
    "SELECT kind, org, project, domain, name, version, created_at, updated_at, state, spec, closure FROM admin_entities"
  typealias EntityRow = (Int64, String, String, String, String, String, Int64, Int64, Int64, Data, Data)

  public func register(_ entity: RegisteredEntity) async throws(AdminError) -> RegistrationOutcome {
    let operation = "register \(entity.kind) \(entity.key)"
    let (client, logger) = (self.client, self.logger)
    return try await perform(operation) {
      try await client.withTransaction(logger: logger) { connection -> RegistrationOutcome in
        let key = entity.key
        let kind = Int64(entity.kind.rawValue)
        let inserted = try await connection.query(
          """
          INSERT INTO admin_entities (kind, org, project, domain, name, version, created_at, updated_at, state, spec, closure)
          VALUES (\(kind), \(key.org), \(key.project), \(key.domain), \(key.name), \(key.version),
            \(Int64(microsecondsOf: entity.createdAt)), \(Int64(microsecondsOf: entity.updatedAt)),
            \(Int64(entity.state)), \(entity.spec), \(entity.closure))
          ON CONFLICT DO NOTHING RETURNING 1
          """, logger: logger)
        for try await _ in inserted.decode(Int32.self) { return .created }
        let existing = try await connection.query(
          """
          SELECT spec FROM admin_entities WHERE kind = \(kind) AND org = \(key.org) AND project = \(key.project)
          AND domain = \(key.domain) AND name = \(key.name) AND version = \(key.version)
          """, logger: logger)
        for try await spec in existing.decode(Data.self) where spec == entity.spec { return .identical }
        throw AdminError(
          .alreadyExists,
          "a \(entity.kind) with different content is registered as \(key); register it under a new version",
          at: operation)
      }
    }
  }

  public func entity(_ kind: EntityKind, _ key: EntityKey) async throws(AdminError) -> RegisteredEntity? {
    let (client, logger) = (self.client, self.logger)
    return try await perform("read \(kind) \(key)") {
      let rows = try await client.query(
        PostgresQuery(
          unsafeSQL: Self.entitySelect + " WHERE kind = $1 AND org = $2 AND project = $3 AND domain = $4 AND name = $5"
            + " AND version = $6", binds: Self.keyBindings(kind, key)), logger: logger)
      for try await row in rows.decode(EntityRow.self) { return try Self.entity(row) }
      return nil
    }
  }

  public func entities(_ kind: EntityKind, _ query: ListQuery) async throws(AdminError) -> Page<RegisteredEntity> {
    let operation = "list \(kind)s"
    var clause = PostgresListClause(columns: Self.entityColumns)
    clause.require("kind", equals: Int64(kind.rawValue))
    try clause.add(query.filters, operation: operation)
    let order = try clause.orderSQL(
      query.sort, tieBreak: ["name", "version"], textColumns: Self.textColumns, operation: operation)
    let statement = clause.pageQuery("\(Self.entitySelect) \(clause.whereSQL) \(order)", query)
    let (client, logger) = (self.client, self.logger)
    let items = try await perform(operation) {
      var items: [RegisteredEntity] = []
      for try await row in try await client.query(statement, logger: logger).decode(EntityRow.self) {
        items.append(try Self.entity(row))
      }
      return items
    }
    return Page(items: items, of: query)
  }

  public func entityNames(_ kind: EntityKind, _ query: ListQuery) async throws(AdminError) -> Page<EntityName> {
    let operation = "list \(kind) names"
    var clause = PostgresListClause(columns: Self.entityColumns)
    clause.require("kind", equals: Int64(kind.rawValue))
    try clause.add(query.filters, operation: operation)
    // Sort over the newest version of each name; fields that vary per version sort by name.
    let sortable: [ListField: String] = [
      .project: "project", .domain: "domain", .name: "name", .createdAt: "newest", .updatedAt: "newest",
    ]
    let sort = sortable[query.sort.field] == nil ? ListSort(field: .name, ascending: query.sort.ascending) : query.sort
    let order = try PostgresListClause(columns: sortable).orderSQL(
      sort, tieBreak: ["name"], textColumns: Self.textColumns, operation: operation)
    let statement = clause.pageQuery(
      """
      SELECT org, project, domain, name, MAX(created_at) AS newest FROM admin_entities \(clause.whereSQL)
      GROUP BY org, project, domain, name \(order)
      """, query)
    let (client, logger) = (self.client, self.logger)
    let names = try await perform(operation) {
      var names: [EntityName] = []
      let rows = try await client.query(statement, logger: logger)
      for try await (org, project, domain, name, _) in rows.decode((String, String, String, String, Int64).self) {
        names.append(EntityName(org: org, project: project, domain: domain, name: name))
      }
      return names
    }
    return Page(items: names, of: query)
  }

  public func setLaunchPlanState(_ key: EntityKey, active: Bool, at time: Date) async throws(AdminError) {
    let operation = "update launch plan \(key)"
    let (client, logger) = (self.client, self.logger)
    let stamp = Int64(microsecondsOf: time)
    try await perform(operation) {
      try await client.withTransaction(logger: logger) { connection in
        if active {
          try await connection.query(
            """
            UPDATE admin_entities SET state = 0, updated_at = \(stamp)
            WHERE kind = 3 AND org = \(key.org) AND project = \(key.project) AND domain = \(key.domain)
            AND name = \(key.name) AND version <> \(key.version) AND state <> 0
            """, logger: logger)
        }
        let updated = try await connection.query(
          """
          UPDATE admin_entities SET state = \(Int64(active ? 1 : 0)), updated_at = \(stamp)
          WHERE kind = 3 AND org = \(key.org) AND project = \(key.project) AND domain = \(key.domain)
          AND name = \(key.name) AND version = \(key.version) RETURNING 1
          """, logger: logger)
        var changed = 0
        for try await _ in updated.decode(Int32.self) { changed += 1 }
        guard changed == 1 else {
          throw AdminError(.notFound, "no launch plan is registered as \(key)", at: operation)
        }
      }
    }
  }

  public func activeLaunchPlan(_ name: EntityName) async throws(AdminError) -> RegisteredEntity? {
    let (client, logger) = (self.client, self.logger)
    return try await perform("read the active launch plan \(name.project):\(name.domain):\(name.name)") {
      let rows = try await client.query(
        PostgresQuery(
          unsafeSQL: Self.entitySelect
            + " WHERE kind = 3 AND org = $1 AND project = $2 AND domain = $3 AND name = $4 AND state = 1"
            + " ORDER BY updated_at DESC LIMIT 1",
          binds: Self.nameBindings(name)), logger: logger)
      for try await row in rows.decode(EntityRow.self) { return try Self.entity(row) }
      return nil
    }
  }

  // MARK: Rows

  static func keyBindings(_ kind: EntityKind, _ key: EntityKey) -> PostgresBindings {
    var bindings = PostgresBindings()
    bindings.append(Int64(kind.rawValue))
    for part in [key.org, key.project, key.domain, key.name, key.version] { bindings.append(part) }
    return bindings
  }

  static func nameBindings(_ name: EntityName) -> PostgresBindings {
    var bindings = PostgresBindings()
    for part in [name.org, name.project, name.domain, name.name] { bindings.append(part) }
    return bindings
  }

  static func entity(_ row: EntityRow) throws(AdminError) -> RegisteredEntity {
    let (kindNumber, org, project, domain, name, version, created, updated, state, spec, closure) = row
    guard let kind = EntityKind(rawValue: Int(kindNumber)) else {
      throw AdminError(.internalError, "unknown entity kind \(kindNumber)", at: "read admin entity")
    }
    return RegisteredEntity(
      kind: kind, key: EntityKey(project: project, domain: domain, name: name, version: version, org: org), spec: spec,
      closure: closure, state: Int(state), createdAt: date(microseconds: created),
      updatedAt: date(microseconds: updated))
  }
}
