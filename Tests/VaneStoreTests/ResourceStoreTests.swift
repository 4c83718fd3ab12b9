import Foundation
import Testing
import VaneStore

@Suite struct ResourceStoreTests {
  @Test(arguments: StoreKind.allCases) func createThenGetReturnsWhatWasStored(_ kind: StoreKind) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let created = try await store.create(
        key("a"), spec: bytes("spec"), status: bytes("status-0"), labels: ["team": "ml", "env": "dev"])
      #expect(created.metadata.version > 0)
      #expect(created.metadata.isTerminal == false)
      #expect(created.metadata.abortRequest == nil)

      let read = try #require(try await store.get(key("a")))
      #expect(read == created)
      #expect(read.spec == bytes("spec"))
      #expect(read.status == bytes("status-0"))
      #expect(read.metadata.labels == ["team": "ml", "env": "dev"])
      #expect(abs(read.metadata.createdAt.timeIntervalSinceNow) < 60)

      let status = try #require(try await store.getStatus(key("a")))
      #expect(status.metadata == created.metadata)
      #expect(status.status == bytes("status-0"))

      #expect(try await store.get(key("missing")) == nil)
      #expect(try await store.getStatus(key("missing")) == nil)
    }
  }

  @Test(arguments: StoreKind.allCases) func createRejectsTakenAndEmptyKeys(_ kind: StoreKind) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      _ = try await store.create(key("a"), spec: Data(), status: Data(), labels: [:])
      let taken = await storeErrorCode {
        _ = try await store.create(key("a"), spec: Data(), status: Data(), labels: [:])
      }
      #expect(taken == .alreadyExists)
      let empty = await storeErrorCode {
        _ = try await store.create(
          ResourceKey(project: "p", domain: "", name: "n"), spec: Data(), status: Data(), labels: [:])
      }
      #expect(empty == .invalidArgument)
    }
  }

  @Test(arguments: StoreKind.allCases) func updateIsACompareAndSwapOnTheVersion(_ kind: StoreKind) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let created = try await store.create(key("a"), spec: bytes("spec"), status: bytes("s0"), labels: [:])
      let v1 = try await store.update(
        key("a"), expectedVersion: created.metadata.version, status: bytes("s1"), terminal: false)
      #expect(v1 > created.metadata.version)

      let stale = await storeErrorCode {
        _ = try await store.update(
          key("a"), expectedVersion: created.metadata.version, status: bytes("lost"), terminal: false)
      }
      #expect(stale == .conflict)

      let v2 = try await store.update(key("a"), expectedVersion: v1, status: bytes("s2"), terminal: true)
      #expect(v2 > v1)
      let read = try #require(try await store.get(key("a")))
      #expect(read.status == bytes("s2"))
      #expect(read.spec == bytes("spec"))
      #expect(read.metadata.version == v2)
      #expect(read.metadata.isTerminal)

      let missing = await storeErrorCode {
        _ = try await store.update(key("nope"), expectedVersion: 1, status: Data(), terminal: false)
      }
      #expect(missing == .notFound)
    }
  }

  @Test(arguments: StoreKind.allCases) func conflictErrorSaysWhereAndWhat(_ kind: StoreKind) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let created = try await store.create(key("a"), spec: Data(), status: Data(), labels: [:])
      _ = try await store.update(key("a"), expectedVersion: created.metadata.version, status: Data(), terminal: false)
      do throws(StoreError) {
        _ = try await store.update(key("a"), expectedVersion: created.metadata.version, status: Data(), terminal: false)
        Issue.record("a stale update succeeded")
      } catch {
        #expect(error.code == .conflict)
        #expect(error.operation.contains("flytesnacks/development/a"))
        #expect(error.message.contains("re-read"))
      }
    }
  }

  @Test(arguments: StoreKind.allCases) func abortRequestBumpsTheVersionOnce(_ kind: StoreKind) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let created = try await store.create(key("a"), spec: Data(), status: Data(), labels: [:])
      let aborted = try await store.requestAbort(key("a"), reason: "user asked")
      #expect(aborted > created.metadata.version)
      let again = try await store.requestAbort(key("a"), reason: "second time")
      #expect(again == aborted)

      let read = try #require(try await store.getStatus(key("a")))
      #expect(read.metadata.version == aborted)
      #expect(read.metadata.abortRequest?.reason == "user asked")

      let stale = await storeErrorCode {
        _ = try await store.update(key("a"), expectedVersion: created.metadata.version, status: Data(), terminal: false)
      }
      #expect(stale == .conflict)
      let missing = await storeErrorCode { _ = try await store.requestAbort(key("nope"), reason: "") }
      #expect(missing == .notFound)
    }
  }

  @Test(arguments: StoreKind.allCases) func deleteRemovesSpecAndStatusAndVersionsNeverRepeat(
    _ kind: StoreKind
  ) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let first = try await store.create(key("a"), spec: bytes("one"), status: Data(), labels: [:])
      try await store.delete(key("a"))
      #expect(try await store.get(key("a")) == nil)
      #expect(await storeErrorCode { try await store.delete(key("a")) } == .notFound)

      let second = try await store.create(key("a"), spec: bytes("two"), status: Data(), labels: [:])
      #expect(second.metadata.version > first.metadata.version)
      let stale = await storeErrorCode {
        _ = try await store.update(key("a"), expectedVersion: first.metadata.version, status: Data(), terminal: false)
      }
      #expect(stale == .conflict)
      #expect(try await store.get(key("a"))?.spec == bytes("two"))
    }
  }

  @Test(arguments: StoreKind.allCases) func listActivePagesThroughNonTerminalKeysInOrder(_ kind: StoreKind) async throws
  {
    try await withStore(kind) { subject in
      let store = subject.store
      var expectedActive: [ResourceKey] = []
      for index in 0..<25 {
        let name = String(format: "exec-%03d", index)
        let created = try await store.create(key(name), spec: Data(), status: Data(), labels: [:])
        if index % 3 == 0 {
          _ = try await store.update(
            key(name), expectedVersion: created.metadata.version, status: Data(), terminal: true)
        } else {
          expectedActive.append(key(name))
        }
      }
      _ = try await store.create(
        ResourceKey(project: "other", domain: "production", name: "z"), spec: Data(), status: Data(), labels: [:])
      expectedActive.append(ResourceKey(project: "other", domain: "production", name: "z"))

      var seen: [ResourceKey] = []
      var after: ResourceKey?
      var pages = 0
      while true {
        let page = try await store.list(.active, limit: 4, after: after)
        if page.isEmpty { break }
        #expect(page.count <= 4)
        #expect(page.allSatisfy { !$0.isTerminal })
        seen += page.map(\.key)
        after = page.last?.key
        pages += 1
      }
      #expect(seen == expectedActive)
      #expect(seen == seen.sorted())
      #expect(pages == 5)
      #expect(try await store.activeKeys(pageSize: 3) == expectedActive)
      #expect(try await store.activeKeys(pageSize: 17) == expectedActive)

      let all = try await store.list(.all, limit: 1000, after: nil)
      #expect(all.count == 26)
      #expect(await storeErrorCode { _ = try await store.list(.all, limit: 0, after: nil) } == .invalidArgument)
    }
  }
}
