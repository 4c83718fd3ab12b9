import Foundation
import Testing
import VaneStore
import VaneTesting

@Suite struct ResourceWatchTests {
  @Test(arguments: StoreKind.allCases) func everySubscriberGetsEveryChangeInOrderWhenKeepingUp(
    _ kind: StoreKind
  ) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      var first = store.watch().makeAsyncIterator()
      var second = store.watch().makeAsyncIterator()
      var received: [[ResourceEvent]] = [[], []]
      func drainOne() async {
        received[0].append(await first.next() ?? ResourceEvent(.deleted, key: key("end of stream"), version: -1))
        received[1].append(await second.next() ?? ResourceEvent(.deleted, key: key("end of stream"), version: -1))
      }
      let created = try await store.create(key("a"), spec: Data(), status: Data(), labels: [:])
      var expected = [ResourceEvent(.created, key: key("a"), version: created.metadata.version)]
      await drainOne()
      var version = created.metadata.version
      for round in 0..<5 {
        version = try await store.update(key("a"), expectedVersion: version, status: bytes("\(round)"), terminal: false)
        expected.append(ResourceEvent(.updated, key: key("a"), version: version))
        await drainOne()
      }
      let aborted = try await store.requestAbort(key("a"), reason: "stop")
      expected.append(ResourceEvent(.updated, key: key("a"), version: aborted))
      await drainOne()
      try await store.delete(key("a"))
      await drainOne()
      #expect(received[0].dropLast() == expected[...])
      #expect(received[1] == received[0])
      #expect(received[0].last?.kind == .deleted)
      #expect((received[0].last?.version ?? 0) > aborted)
    }
  }

  @Test(arguments: StoreKind.allCases) func changesToDifferentKeysAreAllBufferedInCommitOrder(
    _ kind: StoreKind
  ) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let stream = store.watch()
      var expected: [ResourceEvent] = []
      for name in ["c", "a", "b"] {
        let created = try await store.create(key(name), spec: Data(), status: Data(), labels: [:])
        expected.append(ResourceEvent(.created, key: key(name), version: created.metadata.version))
      }
      await subject.close()
      var received: [ResourceEvent] = []
      for await event in stream { received.append(event) }
      #expect(received == expected)
    }
  }

  @Test(arguments: StoreKind.allCases) func slowSubscriberKeepsTheNewestEventPerKeyAndNeverBlocksWriters(
    _ kind: StoreKind
  ) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let slow = store.watch()
      var versions: [ResourceKey: ResourceVersion] = [:]
      // Nobody reads `slow` while 3 keys change 200 times each.
      for name in ["a", "b", "c"] {
        versions[key(name)] = try await store.create(key(name), spec: Data(), status: Data(), labels: [:]).metadata
          .version
      }
      for round in 0..<200 {
        for name in ["a", "b", "c"] {
          let current = try #require(versions[key(name)])
          versions[key(name)] = try await store.update(
            key(name), expectedVersion: current, status: bytes("\(round)"), terminal: false)
        }
      }
      await subject.close()
      var received: [ResourceEvent] = []
      for await event in slow { received.append(event) }
      // One event per key, in the order the keys first changed, each at its newest version.
      #expect(received.map(\.key) == [key("a"), key("b"), key("c")])
      #expect(received.map(\.version) == [versions[key("a")], versions[key("b")], versions[key("c")]])
      #expect(received.allSatisfy { $0.kind == .updated })
    }
  }

  @Test(arguments: StoreKind.allCases) func concurrentReaderSeesIncreasingVersionsEndingAtTheLast(
    _ kind: StoreKind
  ) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let stream = store.watch()
      let created = try await store.create(key("a"), spec: Data(), status: Data(), labels: [:])
      let updates = 2_000
      async let consumed: [ResourceVersion] = {
        var seen: [ResourceVersion] = []
        for await event in stream {
          seen.append(event.version)
          if event.kind == .deleted { break }
        }
        return seen
      }()
      var version = created.metadata.version
      for round in 0..<updates {
        version = try await store.update(key("a"), expectedVersion: version, status: bytes("\(round)"), terminal: false)
      }
      try await store.delete(key("a"))
      let seen = await consumed
      // However far behind the reader fell, one key's versions only go forward and the stream
      // ends with the newest change.
      #expect(seen.first ?? 0 >= created.metadata.version)
      #expect(zip(seen, seen.dropFirst()).allSatisfy { $0 < $1 })
      #expect(seen.last ?? 0 > version)
    }
  }

  @Test(arguments: StoreKind.allCases) func cancellingAWatcherEndsItsStream(_ kind: StoreKind) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let subscribed = Latch()
      let count = await withTaskGroup(of: Int.self) { group in
        group.addTask {
          let changes = store.watch()
          subscribed.open()
          var count = 0
          for await _ in changes { count += 1 }
          return count
        }
        await subscribed.wait()
        group.cancelAll()
        return await group.next() ?? -1
      }
      #expect(count == 0)
      _ = try await store.create(key("after"), spec: Data(), status: Data(), labels: [:])
    }
  }
}
