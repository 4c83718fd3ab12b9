import Logging
import ServiceLifecycle
import VaneAdmin
import VaneStore

/// The admin store `vane serve` uses, as the configuration chooses: tables in the data
/// directory's SQLite file (the default) or a PostgreSQL database. `services` run under the
/// server's `ServiceGroup`, listed first so they stop last.
struct ServeAdminStore {
  let store: any AdminStore
  let services: [any Service]
  private let postgres: PostgresAdminStore?
  private let settings: Config.Postgres

  init(config: Config, database: SQLiteDatabase, dataDirectory: String, logger: Logger) throws {
    settings = config.adminStore.postgres
    switch config.adminStore.kind {
    case .sqlite:
      do {
        store = try SQLiteAdminStore(database: database)
      } catch {
        throw CLIFailure.badInput("\(dataDirectory)/vane.db: cannot open the admin tables: \(error)")
      }
      services = []
      postgres = nil
    case .postgres:
      let postgres = PostgresAdminStore(settings: config.adminStore.postgres, logger: logger)
      store = postgres
      services = [postgres.service]
      self.postgres = postgres
    }
  }

  /// Creates or migrates the tables and the default project; for PostgreSQL, fails with exit
  /// status 2 when the database does not answer within `connect_timeout`. Call while
  /// `services` run.
  func prepare() async throws {
    let store = self.store
    let work: @Sendable () async throws -> Void = { [postgres] in
      try await postgres?.prepare()
      try await ProjectDirectory(store: store).ensureDefaultProject()
    }
    guard postgres != nil else {
      try await work()
      return
    }
    let target = "PostgreSQL at \(settings.host):\(settings.port)/\(settings.database) (user \(settings.user))"
    let timeout = settings.connectTimeout
    do {
      try await withThrowingTaskGroup(of: Bool.self) { tasks in
        tasks.addTask {
          try await work()
          return true
        }
        tasks.addTask {
          try await Task.sleep(for: timeout)
          return false
        }
        let finished = try await tasks.next() ?? false
        tasks.cancelAll()
        guard finished else {
          throw CLIFailure.badInput(
            "\(target) did not answer within \(timeout); check admin_store.postgres in the configuration")
        }
      }
    } catch let failure as CLIFailure {
      throw failure
    } catch {
      throw CLIFailure.badInput("\(target): \(error)")
    }
  }
}
