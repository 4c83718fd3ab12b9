import FlyteIDL
import Foundation
import Logging
import PostgresNIO
import SwiftProtobuf
import Testing
import VaneAdmin
import VaneAdminStore
import VaneData
import VaneEngine
import VaneStore
import VaneStorePostgres
import VaneTesting

/// Event ingestion from an engine event log on PostgreSQL (what replicas share), through
/// `PostgresEventFeed`, into an admin store.
@Suite struct PostgresEventFeedTests {
  @Test func ingestionAppliesEveryEventOnceAcrossSmallBatchesAndARestart() async throws {
    try await withPostgresLog { log in
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("vane-pgfeed-\(UUID().uuidString).db")
        .path
      defer { try? FileManager.default.removeItem(atPath: path) }
      let database = try SQLiteDatabase(path: path)
      defer { database.close() }
      let store = try SQLAdminStore(sqlite: database)
      let feed = PostgresEventFeed(log: log)
      #expect(feed.name == "postgres-events/\(log.schema.name)")
      let ingestion = {
        EventIngestion(feed: feed, store: store, children: nil, batchSize: 2, logger: Logger(label: "test"))
      }

      _ = try await log.append([
        try EventIngestionTests.node("n0", .queued, at: 0), try EventIngestionTests.node("n0", .running, at: 1),
        try EventIngestionTests.node("n1", .running, at: 2),
      ])
      #expect(try await ingestion().drain() == 3)
      // Appended while "down": a new ingestion continues from the stored position, once.
      _ = try await log.append([
        try EventIngestionTests.node("n0", .succeeded, at: 4), try EventIngestionTests.node("n1", .succeeded, at: 6),
      ])
      let restarted = ingestion()
      #expect(try await restarted.drain() == 2)
      #expect(try await restarted.drain() == 0)
      #expect(try await store.feedPosition(feed.name) > 0)

      for (node, started, finished) in [("n0", Int64(1), Int64(4)), ("n1", 2, 6)] {
        let record = try #require(try await store.nodeExecution(EventIngestionTests.execution, nodeID: node))
        let message = try Flyteidl_Admin_NodeExecution(serializedBytes: record.message)
        #expect(message.closure.phase == .succeeded)
        #expect(message.closure.startedAt == EventIngestionTests.time(started))
        #expect(message.closure.duration.seconds == finished - started)
      }
    }
  }

  @Test func componentsServeNodeExecutionsOfAPostgresEngineOnlyWithTheFeedGiven() async throws {
    try await withPostgresLog { log in
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vane-pgadmin-\(UUID().uuidString)")
        .path
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(atPath: directory) }
      let database = try SQLiteDatabase(path: directory + "/admin.db")
      defer { database.close() }
      let admin = try SQLAdminStore(sqlite: database)
      let resources = PostgresResourceStore(migrated: log.client, schema: log.schema, logger: Logger(label: "test"))
      let engine = Engine(
        store: resources,
        environment: EngineEnvironment(
          dataStore: LocalDataStore(root: directory), layout: DataLayout(dataDirectory: DataURI(filePath: directory)),
          plugins: try PluginRegistry.Builder().build(),
          keyValues: PostgresKeyValueStore(migrated: log.client, schema: log.schema, logger: Logger(label: "test"))))
      let logger = Logger(label: "test")

      // Without a feed the engine store (not SQLite) offers none: nodes are not served.
      #expect(AdminComponents(store: admin, engine: engine, logger: logger).nodes == nil)

      let components = AdminComponents(store: admin, engine: engine, logger: logger, feed: PostgresEventFeed(log: log))
      let nodes = try #require(components.nodes)
      try await admin.recordExecution(
        ExecutionRecord(
          name: EventIngestionTests.execution, launchPlan: "", workflow: "", spec: Data(),
          createdAt: Date(timeIntervalSince1970: 1_700_000_000)))
      _ = try await log.append([
        try EventIngestionTests.node("n0", .queued, at: 0), try EventIngestionTests.node("n0", .running, at: 1),
      ])
      var id = Flyteidl_Core_NodeExecutionIdentifier()
      id.nodeID = "n0"
      id.executionID.project = EventIngestionTests.key.project
      id.executionID.domain = EventIngestionTests.key.domain
      id.executionID.name = EventIngestionTests.key.name
      // The read drains the feed first: the events just appended are there.
      #expect(try await nodes.node(id).closure.phase == .running)
    }
  }

  /// Runs `body` with an event log in a fresh schema of the test server, dropped afterwards.
  private func withPostgresLog(_ body: (PostgresEventLog) async throws -> Void) async throws {
    try await withPostgresClient(maximumConnections: 4) { client in
      let schema = try PostgresStoreSchema(
        "a_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))
      let log = try await PostgresEventLog.open(client: client, schema: schema)
      try await body(log)
      try await client.query(
        PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema.name) CASCADE"), logger: Logger(label: "test"))
    }
  }
}
