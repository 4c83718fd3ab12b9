public import Logging
public import ServiceLifecycle
import VaneAdmin
public import VaneAdminStore
public import VaneStore

/// The admin store `vane serve` uses, as the configuration chooses: tables in the data
/// directory's SQLite file (the default) or a PostgreSQL database. `services` run under the
/// server's `ServiceGroup`, listed first so they stop last.
public struct ServeAdminStore: Sendable {
  public let store: any AdminStore
  public let services: [any Service]
  private let postgres: SQLAdminStore?
  private let settings: PostgresSettings

  /// Opens the store `config` names; the SQLite one lives in `database` (the engine's file,
  /// nil when the engine keeps its executions elsewhere — then only PostgreSQL will do).
  public init(config: Config, database: SQLiteDatabase?, dataDirectory: String, logger: Logger) throws(ServeError) {
    settings = config.adminStore.postgres
    switch config.adminStore.kind {
    case .sqlite:
      guard let database else {
        throw ServeError(
          .adminStoreUnavailable, "the admin store must be PostgreSQL when the engine's executions are there",
          at: "admin_store.kind")
      }
      do {
        store = try SQLAdminStore(sqlite: database)
      } catch {
        throw ServeError(
          .adminStoreUnavailable, "cannot open the admin tables: \(error)", at: "\(dataDirectory)/vane.db")
      }
      services = []
      postgres = nil
    case .postgres:
      let postgres = SQLAdminStore(postgres: config.adminStore.postgres, logger: logger)
      store = postgres
      services = postgres.services
      self.postgres = postgres
    }
  }

  /// Creates or migrates the tables and the default project; for PostgreSQL, fails when the
  /// database does not answer within `connect_timeout`. Call while `services` run.
  public func prepare() async throws(ServeError) {
    let store = self.store
    let work: @Sendable () async throws -> Void = { [postgres] in
      try await postgres?.prepare()
      try await ProjectDirectory(store: store).ensureDefaultProject()
    }
    let target =
      postgres == nil
      ? "the admin store" : "PostgreSQL at \(settings.endpoint) (user \(settings.user))"
    let timeout = settings.connectTimeout
    do {
      guard postgres != nil else { return try await work() }
      guard try await TimeLimit.run(within: timeout, work) != nil else {
        throw ServeError(
          .adminStoreUnavailable,
          "did not answer within \(timeout); check admin_store.postgres in the configuration", at: target)
      }
    } catch let error as ServeError {
      throw error
    } catch {
      throw ServeError(.adminStoreUnavailable, "\(error)", at: target)
    }
  }
}
