import Foundation
import Testing
import VaneStore

@Suite struct DurabilityTests {
  @Test func everythingSurvivesClosingAndReopening() async throws {
    try await withTemporaryDirectory { directory in
      let path = directory + "/vane.db"
      let store = try SQLiteResourceStore(path: path)
      let created = try await store.create(key("a"), spec: bytes("spec-a"), status: bytes("s0"), labels: ["k": "v"])
      let updated = try await store.update(
        key("a"), expectedVersion: created.metadata.version, status: bytes("s1"), terminal: false)
      _ = try await store.create(key("b"), spec: bytes("spec-b"), status: bytes("b0"), labels: [:])
      let aborted = try await store.requestAbort(key("b"), reason: "why not")
      let log = try SQLiteEventLog(database: store.database)
      _ = try await log.append([
        NewExecutionEvent(key: key("a"), kind: .workflow, phase: 1, occurredAt: Date(), payload: bytes("e"))
      ])
      store.close()

      let reopened = try SQLiteResourceStore(path: path)
      defer { reopened.close() }
      let a = try #require(try await reopened.get(key("a")))
      #expect(a.metadata.version == updated)
      #expect(a.spec == bytes("spec-a"))
      #expect(a.status == bytes("s1"))
      #expect(a.metadata.labels == ["k": "v"])
      let b = try #require(try await reopened.get(key("b")))
      #expect(b.metadata.version == aborted)
      #expect(b.metadata.abortRequest?.reason == "why not")
      #expect(
        try await SQLiteEventLog(database: reopened.database).events(for: key("a"), after: 0, limit: 9).count == 1)
      // Versions keep growing after a reopen.
      let next = try await reopened.update(key("a"), expectedVersion: updated, status: bytes("s2"), terminal: false)
      #expect(next > aborted)
    }
  }

  /// The files as a `kill -9` leaves them: the database file and its write-ahead log, copied
  /// while the writer is still open and has not checkpointed. Every committed write must be
  /// readable from the copy.
  @Test func aCrashImageOfTheFilesHoldsEveryCommit() async throws {
    try await withTemporaryDirectory { directory in
      let path = directory + "/live.db"
      let store = try SQLiteResourceStore(path: path)
      defer { store.close() }
      var versions: [ResourceKey: ResourceVersion] = [:]
      for index in 0..<50 {
        let name = "exec-\(index)"
        var version = try await store.create(key(name), spec: bytes("spec \(index)"), status: Data(), labels: [:])
          .metadata.version
        for round in 0..<index % 5 {
          version = try await store.update(
            key(name), expectedVersion: version, status: bytes("\(name) round \(round)"), terminal: round == 3)
        }
        versions[key(name)] = version
      }
      // A second connection on the same file sees the commits before any checkpoint.
      let other = try SQLiteResourceStore(path: path)
      #expect(try await other.get(key("exec-49"))?.metadata.version == versions[key("exec-49")])

      let image = directory + "/image"
      try FileManager.default.createDirectory(atPath: image, withIntermediateDirectories: true)
      #expect(FileManager.default.fileExists(atPath: path + "-wal"))
      for suffix in ["", "-wal"] {
        try FileManager.default.copyItem(atPath: path + suffix, toPath: image + "/live.db" + suffix)
      }
      other.close()

      let recovered = try SQLiteResourceStore(path: image + "/live.db")
      defer { recovered.close() }
      #expect(try recovered.database.integrityCheck() == "ok")
      for (key, version) in versions {
        let resource = try #require(try await recovered.get(key))
        #expect(resource.metadata.version == version)
      }
      let all = try await recovered.list(.all, limit: 100, after: nil)
      #expect(all.count == 50)
      #expect(all.filter(\.isTerminal).count == 10)
    }
  }
}

extension SQLiteDatabase {
  func integrityCheck() throws -> String {
    try read { connection throws(StoreError) -> String in
      try connection.withStatement("PRAGMA integrity_check") { statement throws(StoreError) in
        try statement.step() ? statement.text(0) : ""
      }
    }
  }
}

/// The engine's commits survive power loss, not only a process crash (issue #9): the store
/// opens its connections with `synchronous=FULL` unless told otherwise. With NORMAL, SQLite
/// syncs the write-ahead log only at checkpoints, so the last commits could vanish.
@Suite struct SynchronousModeTests {
  @Test func theEngineStoreSyncsEveryCommitByDefault() async throws {
    try await withStore { store, _ in
      let level = try store.database.write { connection throws(StoreError) in
        try connection.withStatement("PRAGMA synchronous") { statement throws(StoreError) in
          try statement.step() ? statement.int64(0) : -1
        }
      }
      #expect(level == 2, "PRAGMA synchronous is \(level); 2 is FULL")
    }
  }
}
