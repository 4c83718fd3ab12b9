import FlyteIDL
import Foundation
import Logging
import Testing
import VaneAdmin
import VaneAdminStore
import VaneStore

/// The feed position names the engine database it counts in (issue #9): with the admin tables
/// in another database (PostgreSQL in production, a second SQLite file here), each engine file
/// has its own position. Under the old constant `sqlite-events`, a replaced engine database
/// inherited the old file's position and its first events were never applied.
@Suite struct EventFeedNameTests {
  func withDatabases(
    _ count: Int, _ body: ([SQLiteDatabase]) async throws -> Void
  ) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vane-feed-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let databases = try (0..<count).map { index in
      let database = try SQLiteDatabase(path: directory.appendingPathComponent("\(index).db").path)
      _ = try SQLiteResourceStore(database: database)  // migrates the engine tables
      return database
    }
    defer { databases.forEach { $0.close() } }
    try await body(databases)
  }

  @Test func aReplacedEngineDatabaseHasEveryEventApplied() async throws {
    try await withDatabases(3) { databases in
      let (oldEngine, newEngine, admin) = (databases[0], databases[1], databases[2])
      let store = try SQLAdminStore(sqlite: admin)
      let oldLog = try SQLiteEventLog(database: oldEngine)
      _ = try await oldLog.append([
        try EventIngestionTests.node("n0", .queued, at: 1), try EventIngestionTests.node("n0", .running, at: 2),
        try EventIngestionTests.node("n0", .succeeded, at: 3),
      ])
      let first = EventIngestion(
        feed: try SQLiteEventFeed.identified(database: oldEngine), store: store, children: nil,
        logger: Logger(label: "test"))
      #expect(try await first.drain() == 3)

      // A new engine database (a fresh data directory) against the same admin database.
      _ = try await SQLiteEventLog(database: newEngine).append([
        try EventIngestionTests.node("n1", .queued, at: 4), try EventIngestionTests.node("n1", .running, at: 5),
      ])
      let second = EventIngestion(
        feed: try SQLiteEventFeed.identified(database: newEngine), store: store, children: nil,
        logger: Logger(label: "test"))
      #expect(try await second.drain() == 2)
    }
  }

  @Test func theIdentityIsKeptAndTheSameFileKeepsTheOldName() async throws {
    try await withDatabases(2) { databases in
      let first = try SQLiteEventFeed.identity(of: databases[0])
      #expect(try SQLiteEventFeed.identity(of: databases[0]) == first)
      #expect(try SQLiteEventFeed.identity(of: databases[1]) != first)
      #expect(try SQLiteEventFeed.identified(database: databases[0]).name == "sqlite-events/\(first)")
      // Admin tables in the engine's file: the position moves with the events, the name stays.
      let sameFile = try SQLAdminStore(sqlite: databases[0])
      #expect(sameFile.keepsTables(in: databases[0]))
      #expect(!sameFile.keepsTables(in: databases[1]))
    }
  }
}
