public import Logging
public import ServiceLifecycle
public import VaneStore

/// The admin store on SQL — `AdminStore`, `ExecutionEventStore` and `ScheduleStore` written
/// once over a `SQLDatabase` and its `SQLDialect`: tables in the engine's SQLite file (the
/// embedded default) or a PostgreSQL database, with the same tables, statements and answers.
///
/// Each method is one transaction; the tables are created or migrated before first use.
public final class SQLAdminStore: AdminStore, ExecutionEventStore, ScheduleStore {
  let database: any SQLDatabase
  /// Long-running parts of the store, to run under the server's `ServiceGroup` listed before
  /// the servers (so they stop after them): PostgreSQL's connection pool; none for SQLite.
  public let services: [any Service]
  private let schema = SchemaGate()

  /// Tables in Vane's SQLite file next to the engine's (pass `SQLiteResourceStore.database`),
  /// so admin and engine writes share one writer lock and one WAL. Creates or migrates the
  /// tables now.
  public init(sqlite database: SQLiteDatabase) throws(AdminError) {
    let sqlite = SQLiteAdminDatabase(database: database)
    self.database = sqlite
    self.services = []
    try sqlite.transactionNow(
      AdminSchema.migration(.sqlite, place: sqlite.place), operation: "migrate the admin schema")
    schema.markOpen()
  }

  /// Whether the tables live in `database` (the engine's file, on the embedded default).
  public func keepsTables(in database: SQLiteDatabase) -> Bool {
    (self.database as? SQLiteAdminDatabase)?.database === database
  }

  /// Tables in the PostgreSQL database `settings` name, over a connection pool that runs as
  /// `services`. Calls wait until the pool runs; call `prepare()` at start-up to migrate and
  /// to learn early that the database is unreachable.
  public init(postgres settings: PostgresSettings, logger: Logger) {
    let postgres = PostgresAdminDatabase(settings: settings, logger: logger)
    self.database = postgres
    self.services = [postgres.client]
  }

  /// Creates or migrates the tables (once; later calls return at once).
  public func prepare() async throws(AdminError) {
    let database = self.database
    try await schema.open { () throws(AdminError) in
      try await database.transaction(
        AdminSchema.migration(database.dialect, place: database.place), operation: "migrate the admin schema")
    }
  }

  /// Runs `work` as one transaction once the tables are in place.
  func transaction<Result: Sendable>(
    _ operation: String, _ work: SQLTransaction<Result>
  ) async throws(AdminError) -> Result {
    try await prepare()
    return try await database.transaction(work, operation: operation)
  }

  /// Runs one reading statement once the tables are in place.
  func read(_ operation: String, _ statement: SQLStatement) async throws(AdminError) -> [SQLRow] {
    try await prepare()
    return try await database.read(statement, operation: operation)
  }

  /// One page of rows of `table` that have the `scope` values and pass the query's filters,
  /// in its order, each made into a record.
  func page<Record: Sendable>(
    _ table: SQLTable, scope: [(column: String, value: SQLValue)], _ query: ListQuery, fields: [ListField: String],
    tieBreak: [String], operation: String, _ record: (SQLRow) throws(AdminError) -> Record
  ) async throws(AdminError) -> Page<Record> {
    var listing = self.listing(table.columns, fields: fields, tieBreak: tieBreak, operation: operation)
    if !scope.isEmpty { listing.require(scope.map(\.column), scope.map(\.value)) }
    try listing.add(query.filters)
    let rows = try await read(operation, try listing.page(of: table, query))
    return Page(items: try rows.map { (row) throws(AdminError) in try record(row) }, of: query)
  }

  /// A listing over `columns` in this store's dialect.
  func listing(
    _ columns: [SQLColumn], fields: [ListField: String], tieBreak: [String], operation: String
  ) -> SQLListing {
    SQLListing(columns, database.dialect, fields: fields, tieBreak: tieBreak, operation: operation)
  }

  /// Inserts a row unless its key is taken; throws `taken` (rolling back) when it is.
  func insertOrFail(_ table: SQLTable, _ row: [SQLValue], taken: AdminError) async throws(AdminError) {
    try await transaction(
      taken.location ?? "admin store",
      .run(table.insertUnlessPresent(row)) { (inserted) throws(AdminError) in
        guard !inserted.isEmpty else { throw taken }
        return .done(())
      })
  }
}
