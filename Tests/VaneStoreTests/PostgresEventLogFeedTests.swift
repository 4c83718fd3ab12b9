import Foundation
import Logging
import PostgresNIO
import Testing
import VaneStore
import VaneStorePostgres
import VaneTesting

/// `PostgresEventLog.feed` on the real server: positions handed out after commit, so a reader
/// paging by position never skips an event, whatever order appenders commit in.
@Suite struct PostgresEventLogFeedTests {
  private let at = Date(timeIntervalSince1970: 1_800_000_000)

  private func event(_ name: String, _ payload: String = "") -> NewExecutionEvent {
    NewExecutionEvent(key: key(name), kind: .node, phase: 1, occurredAt: at, payload: bytes(payload))
  }

  @Test func anEventWhoseLowerIdCommitsLastIsFedLaterAndNeverSkipped() async throws {
    try await withPostgresStore { store in
      let log = store.eventLog
      let events = store.schema.name + ".execution_events"
      let logger = Logger(label: "late-writer")
      let (early, late) = try await store.client.withConnection { writer in
        // The late writer inserts first — taking the lower id — and holds its transaction open.
        try await writer.query("BEGIN", logger: logger)
        var lowID: Int64 = 0
        let inserted = try await writer.query(
          PostgresQuery(
            unsafeSQL: "INSERT INTO \(events) (project, domain, name, seq, kind, phase, occurred_at, payload) "
              + "VALUES ('flytesnacks', 'development', 'late', 1, 1, 1, 0, '\\x6c617465'::bytea) RETURNING id"),
          logger: logger)
        for try await row in inserted { lowID = try row.decode(Int64.self) }

        // Meanwhile another writer appends (a higher id) and commits; the feed shows only it.
        _ = try await log.append([event("early", "early")])
        let early = try await log.feed(after: 0, limit: 10)
        #expect(early.map(\.event.payload) == [bytes("early")])
        let highID = try await rowID(of: "early", in: store)
        #expect(lowID < highID)

        try await writer.query("COMMIT", logger: logger)
        // Read on from the last position seen: the late event comes, after it.
        let late = try await log.feed(after: try #require(early.last).position, limit: 10)
        return (early, late)
      }
      #expect(late.map(\.event.payload) == [bytes("late")])
      #expect(late.map(\.event.key) == [key("late")])
      let (latePosition, earlyPosition) = (try #require(late.first).position, try #require(early.first).position)
      #expect(latePosition > earlyPosition)
      // Nothing else, and the whole feed is both, in position order.
      #expect(try await log.feed(after: try #require(late.last).position, limit: 10).isEmpty)
      #expect(try await log.feed(after: 0, limit: 10).map(\.event.payload) == [bytes("early"), bytes("late")])
    }
  }

  @Test func pagingWithSmallLimitsWhileWritersAppendReturnsEveryEventOnce() async throws {
    try await withPostgresStore { store in
      let log = store.eventLog
      let done = Locked(false)
      let (written, fed) = try await withThrowingTaskGroup(of: [String].self) { tasks in
        // Writers: 6 executions, 20 appends of 1-3 events each, all at once.
        for writer in 0..<6 {
          tasks.addTask {
            var written: [String] = []
            for append in 0..<20 {
              let batch = (0...(append % 3)).map { _ in event("x\(writer)") }
              written += try await log.append(batch).map { "\($0.key.name)#\($0.sequence)" }
            }
            return written
          }
        }
        // The reader pages with a limit of 3 until the writers are done and it has caught up.
        let reader = Task {
          var seen: [(position: Int64, event: ExecutionEvent)] = []
          while true {
            let finished = done.value
            let page = try await log.feed(after: seen.last?.position ?? 0, limit: 3)
            seen += page
            if finished && page.isEmpty { return seen }
          }
        }
        var written: [String] = []
        for try await part in tasks { written += part }
        done.withLock { $0 = true }
        return (written, try await reader.value)
      }
      // Per writer: 7 appends of 1 event, 7 of 2, 6 of 3.
      let expected: Int = 6 * 39
      #expect(written.count == expected)
      let names = fed.map { "\($0.event.key.name)#\($0.event.sequence)" }
      #expect(names.count == written.count)
      #expect(Set(names) == Set(written))
      #expect(zip(fed, fed.dropFirst()).allSatisfy { $0.position < $1.position })
      // Each execution's events arrive in its sequence order, with no gap.
      for writer in 0..<6 {
        let sequences = fed.filter { $0.event.key == key("x\(writer)") }.map(\.event.sequence)
        #expect(sequences == Array(1...Int64(sequences.count)))
      }
    }
  }

  @Test func twoReadersAtOnceAgreeOnEveryPosition() async throws {
    try await withPostgresStore { store in
      let log = store.eventLog
      let other = try await PostgresEventLog.open(client: store.client, schema: store.schema)
      let done = Locked(false)
      let read: @Sendable (PostgresEventLog) async throws -> [String] = { reader in
        var seen: [(position: Int64, event: ExecutionEvent)] = []
        while true {
          let finished = done.value
          let page = try await reader.feed(after: seen.last?.position ?? 0, limit: 4)
          seen += page
          if finished && page.isEmpty { return seen.map { "\($0.position):\($0.event.key.name)#\($0.event.sequence)" } }
        }
      }
      let first = Task { try await read(log) }
      let second = Task { try await read(other) }
      try await withThrowingTaskGroup(of: Void.self) { writers in
        for writer in 0..<4 {
          writers.addTask { for _ in 0..<25 { _ = try await log.append([event("w\(writer)"), event("v\(writer)")]) } }
        }
        try await writers.waitForAll()
      }
      done.withLock { $0 = true }
      let (one, two) = (try await first.value, try await second.value)
      #expect(one.count == 4 * 25 * 2)
      #expect(one == two)
    }
  }

  @Test func aFeedLimitOutsideItsBoundsIsRefused() async throws {
    try await withPostgresStore { store in
      for limit in [0, -1, PostgresEventLog.maxFeedBatch + 1] {
        #expect(await storeErrorCode { _ = try await store.eventLog.feed(after: 0, limit: limit) } == .invalidArgument)
      }
    }
  }

  @Test func aVersion1SchemaIsUpgradedAndItsEventsAreFed() async throws {
    try await withPostgresStore { store in
      _ = try await store.eventLog.append([event("old", "1"), event("old", "2")])
      // Back to what version 1 had: no feed column or sequence, no key-value table.
      let schema = store.schema.name
      let logger = Logger(label: "downgrade")
      for statement in [
        "ALTER TABLE \(schema).execution_events DROP COLUMN feed_position", "DROP SEQUENCE \(schema).feed",
        "DROP TABLE \(schema).key_values", "DROP TABLE \(schema).resource_status_records",
        "UPDATE \(schema).store_schema SET version = 1",
      ] {
        try await store.client.query(PostgresQuery(unsafeSQL: statement), logger: logger)
      }
      let log = try await PostgresEventLog.open(client: store.client, schema: store.schema)
      var version: Int64 = 0
      let rows = try await store.client.query(
        PostgresQuery(unsafeSQL: "SELECT version FROM \(schema).store_schema"), logger: logger)
      for try await row in rows { version = try row.decode(Int64.self) }
      #expect(version == PostgresStoreSchema.currentVersion && version == 3)
      #expect(try await log.feed(after: 0, limit: 10).map(\.event.payload) == [bytes("1"), bytes("2")])
      let values = try await PostgresKeyValueStore.open(client: store.client, schema: store.schema)
      #expect(try await values.putIfAbsent("n", "k", bytes("v")))
      // Version 3's status records are there again.
      let created = try await store.create(
        ResourceKey(project: "p", domain: "d", name: "r"), spec: Data(), status: Data(), labels: [:])
      _ = try await store.update(
        created.metadata.key, expectedVersion: created.metadata.version,
        status: StatusWrite(head: bytes("h"), records: ["1:a": bytes("a")], replacesRecords: false), terminal: false)
      #expect(try await store.getStatus(created.metadata.key)?.records == ["1:a": bytes("a")])
    }
  }

  private func rowID(of name: String, in store: PostgresResourceStore) async throws -> Int64 {
    var id: Int64 = 0
    let rows = try await store.client.query(
      PostgresQuery(unsafeSQL: "SELECT max(id) FROM \(store.schema.name).execution_events WHERE name = '\(name)'"),
      logger: Logger(label: "test"))
    for try await row in rows { id = try row.decode(Int64.self) }
    return id
  }
}
