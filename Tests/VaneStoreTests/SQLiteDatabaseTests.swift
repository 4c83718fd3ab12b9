import Foundation
import Testing
import VaneStore

@Suite struct SQLiteDatabaseTests {
  @Test func migrationsRunOnceAndRecordTheVersion() async throws {
    try await withTemporaryDirectory { directory in
      let path = directory + "/m.db"
      let steps = [
        SQLiteMigration(version: 1, sql: "CREATE TABLE t (x INTEGER NOT NULL)"),
        SQLiteMigration(version: 2, sql: "ALTER TABLE t ADD COLUMN y TEXT"),
      ]
      let database = try SQLiteDatabase(path: path)
      try database.migrate(Array(steps.prefix(1)))
      #expect(try database.schemaVersion() == 1)
      try database.migrate(steps)
      try database.migrate(steps)
      #expect(try database.schemaVersion() == 2)
      database.close()

      let reopened = try SQLiteDatabase(path: path)
      defer { reopened.close() }
      #expect(try reopened.schemaVersion() == 2)
      do throws(StoreError) {
        try reopened.migrate(Array(steps.prefix(1)))
        Issue.record("an older build accepted a newer schema")
      } catch {
        #expect(error.code == .schemaTooNew)
      }
    }
  }

  @Test func sqlErrorsCarryTheStatementAndRollBack() async throws {
    try await withTemporaryDirectory { directory in
      let database = try SQLiteDatabase(path: directory + "/e.db")
      defer { database.close() }
      try database.migrate([SQLiteMigration(version: 1, sql: "CREATE TABLE t (x INTEGER PRIMARY KEY)")])
      do throws(StoreError) {
        try database.write { connection throws(StoreError) in
          try connection.run("INSERT INTO t (x) VALUES (1)")
          try connection.run("INSERT INTO nowhere (x) VALUES (1)")
        }
        Issue.record("a statement on a missing table succeeded")
      } catch {
        #expect(error.code == .sqlite)
        #expect(error.sql == "INSERT INTO nowhere (x) VALUES (1)")
        #expect(error.message.contains("nowhere"))
        #expect(error.sqliteCode != nil)
      }
      let count = try database.read { connection throws(StoreError) -> Int64 in
        try connection.withStatement("SELECT count(*) FROM t") { statement throws(StoreError) in
          try statement.step() ? statement.int64(0) : -1
        }
      }
      #expect(count == 0)
    }
  }

  @Test func closedDatabaseFailsWithClosed() async throws {
    try await withTemporaryDirectory { directory in
      let database = try SQLiteDatabase(path: directory + "/c.db")
      database.close()
      do throws(StoreError) {
        try database.read { connection throws(StoreError) in try connection.run("SELECT 1") }
        Issue.record("a closed database answered")
      } catch {
        #expect(error.code == .closed)
      }
    }
  }

  @Test func openingInAMissingDirectoryFailsClearly() {
    do throws(StoreError) {
      _ = try SQLiteDatabase(path: "/nonexistent-vane-dir/x.db")
      Issue.record("opened a file in a missing directory")
    } catch {
      #expect(error.code == .sqlite)
      #expect(error.message.contains("/nonexistent-vane-dir/x.db"))
    }
  }
}
