import Foundation
import Testing
import VaneStore

/// Status records (`StatusWrite`): a write stores and removes records by path beside the head,
/// atomically with its compare-and-swap, and a read returns the head with every record.
@Suite struct StatusRecordsTests {
  @Test(arguments: StoreKind.allCases) func aWriteStoresReplacesAndRemovesRecordsBesideTheHead(
    _ kind: StoreKind
  ) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let created = try await store.create(key("a"), spec: bytes("spec"), status: bytes("h0"), labels: [:])
      let first = try await store.update(
        key("a"), expectedVersion: created.metadata.version,
        status: StatusWrite(
          head: bytes("h1"), records: ["1:x": bytes("x1"), "1:y": bytes("y1")], replacesRecords: false),
        terminal: false)
      // Only what changed: y is replaced, x stays, z is new, a path never stored is ignored.
      let second = try await store.update(
        key("a"), expectedVersion: first,
        status: StatusWrite(
          head: bytes("h2"), records: ["1:y": bytes("y2"), "1:z1:w": bytes("zw")], removed: ["1:q"],
          replacesRecords: false),
        terminal: false)
      var stored = try #require(try await store.getStatus(key("a")))
      #expect(stored.metadata.version == second)
      #expect(stored.status == bytes("h2"))
      #expect(stored.records == ["1:x": bytes("x1"), "1:y": bytes("y2"), "1:z1:w": bytes("zw")])
      #expect(try await store.get(key("a"))?.status == bytes("h2"), "get carries the head, for its spec's readers")
      #expect(try await store.metadata(key("a"))?.version == second)

      let third = try await store.update(
        key("a"), expectedVersion: second,
        status: StatusWrite(head: bytes("h3"), removed: ["1:x", "1:z1:w"], replacesRecords: false), terminal: false)
      stored = try #require(try await store.getStatus(key("a")))
      #expect(stored.records == ["1:y": bytes("y2")])

      // A write that replaces the records keeps only its own, even one it stores again.
      let fourth = try await store.update(
        key("a"), expectedVersion: third,
        status: StatusWrite(
          head: bytes("h4"), records: ["1:y": bytes("y4"), "1:v": bytes("v4")], replacesRecords: true),
        terminal: false)
      #expect(try await store.getStatus(key("a"))?.records == ["1:y": bytes("y4"), "1:v": bytes("v4")])
      let reopened = try await subject.reopen()
      #expect(try await reopened.store.getStatus(key("a"))?.records == ["1:y": bytes("y4"), "1:v": bytes("v4")])

      // A status written whole has no records left.
      _ = try await store.update(key("a"), expectedVersion: fourth, status: bytes("whole"), terminal: true)
      stored = try #require(try await store.getStatus(key("a")))
      #expect(stored.status == bytes("whole"))
      #expect(stored.records.isEmpty)
      #expect(stored.metadata.isTerminal)
    }
  }

  @Test(arguments: StoreKind.allCases) func aRefusedWriteTouchesNoRecord(_ kind: StoreKind) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let created = try await store.create(key("a"), spec: Data(), status: bytes("h0"), labels: [:])
      let current = try await store.update(
        key("a"), expectedVersion: created.metadata.version,
        status: StatusWrite(head: bytes("h1"), records: ["1:x": bytes("x1")], replacesRecords: false), terminal: false)
      let stale = await storeErrorCode {
        _ = try await store.update(
          key("a"), expectedVersion: created.metadata.version,
          status: StatusWrite(
            head: bytes("lost"), records: ["1:x": bytes("lost"), "1:n": bytes("lost")], replacesRecords: true),
          terminal: false, appending: [])
      }
      #expect(stale == .conflict)
      let stored = try #require(try await store.getStatus(key("a")))
      #expect(stored.metadata.version == current)
      #expect(stored.status == bytes("h1"))
      #expect(stored.records == ["1:x": bytes("x1")])
    }
  }

  @Test(arguments: StoreKind.allCases) func deletingAResourceDeletesItsRecords(_ kind: StoreKind) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let created = try await store.create(key("a"), spec: Data(), status: bytes("h0"), labels: [:])
      _ = try await store.update(
        key("a"), expectedVersion: created.metadata.version,
        status: StatusWrite(head: bytes("h1"), records: ["1:x": bytes("x1")], replacesRecords: false), terminal: false)
      try await store.delete(key("a"))
      #expect(try await store.metadata(key("a")) == nil)
      _ = try await store.create(key("a"), spec: Data(), status: bytes("again"), labels: [:])
      let again = try #require(try await store.getStatus(key("a")))
      #expect(again.status == bytes("again"))
      #expect(again.records.isEmpty)
    }
  }
}
