import Foundation
import Testing
import VaneStore

/// `update(_:expectedVersion:status:terminal:appending:)`: a status and its events in one commit.
@Suite struct StatusWithEventsTests {
  private func event(_ name: String, _ payload: String, phase: Int32 = 1) -> NewExecutionEvent {
    NewExecutionEvent(key: key(name), kind: .node, phase: phase, occurredAt: Date(), payload: bytes(payload))
  }

  @Test(arguments: StoreKind.allCases) func statusAndEventsCommitTogetherAndSurviveReopening(
    _ kind: StoreKind
  ) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let created = try await store.create(key("a"), spec: bytes("spec"), status: bytes("s0"), labels: [:])
      let result = try await store.update(
        key("a"), expectedVersion: created.metadata.version, status: bytes("s1"), terminal: true,
        appending: [event("a", "queued", phase: 1), event("a", "running", phase: 2)])
      #expect(result.version > created.metadata.version)
      #expect(result.events.map(\.sequence) == [1, 2])
      #expect(result.events.map(\.payload) == [bytes("queued"), bytes("running")])
      let status = try #require(try await store.getStatus(key("a")))
      #expect(status.metadata.version == result.version)
      #expect(status.metadata.isTerminal)
      #expect(status.status == bytes("s1"))
      #expect(try await subject.eventLog.events(for: key("a"), after: 0, limit: 10) == result.events)

      let reopened = try await subject.reopen()
      #expect(try await reopened.store.getStatus(key("a"))?.status == bytes("s1"))
      #expect(try await reopened.eventLog.events(for: key("a"), after: 0, limit: 10) == result.events)
    }
  }

  @Test(arguments: StoreKind.allCases) func aConflictOrMissingKeyOrBadEventWritesNothing(_ kind: StoreKind) async throws
  {
    try await withStore(kind) { subject in
      let store = subject.store
      let created = try await store.create(key("a"), spec: Data(), status: bytes("s0"), labels: [:])
      let current = try await store.update(
        key("a"), expectedVersion: created.metadata.version, status: bytes("s1"), terminal: false)

      let stale = await storeErrorCode {
        _ = try await store.update(
          key("a"), expectedVersion: created.metadata.version, status: bytes("stale"), terminal: true,
          appending: [event("a", "lost")])
      }
      #expect(stale == .conflict)
      let missing = await storeErrorCode {
        _ = try await store.update(
          key("none"), expectedVersion: 1, status: bytes("x"), terminal: false, appending: [event("none", "x")])
      }
      #expect(missing == .notFound)
      // The status CAS succeeds here, then an event with an empty key part fails: all rolls back.
      let badEvent = await storeErrorCode {
        _ = try await store.update(
          key("a"), expectedVersion: current, status: bytes("half"), terminal: false,
          appending: [
            event("a", "ok"),
            NewExecutionEvent(
              key: ResourceKey(project: "p", domain: "", name: "n"), kind: .task, phase: 0, occurredAt: Date(),
              payload: Data()),
          ])
      }
      #expect(badEvent == .invalidArgument)

      let status = try #require(try await store.getStatus(key("a")))
      #expect(status.status == bytes("s1"))
      #expect(status.metadata.version == current)
      #expect(!status.metadata.isTerminal)
      #expect(try await subject.eventLog.events(for: key("a"), after: 0, limit: 10).isEmpty)
      #expect(try await subject.eventLog.events(for: key("none"), after: 0, limit: 10).isEmpty)
      // No failed attempt consumed a revision either.
      let next = try await store.update(key("a"), expectedVersion: current, status: bytes("s2"), terminal: false)
      #expect(next == current + 1)
    }
  }

  @Test(arguments: StoreKind.allCases) func numberingContinuesAcrossPlainAppendsAndCombinedUpdates(
    _ kind: StoreKind
  ) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let created = try await store.create(key("a"), spec: Data(), status: Data(), labels: [:])
      // A log opened separately over the store's database shares its numbering.
      let separateLog = try await subject.separateLog()
      #expect(
        try await separateLog.append([event("a", "1"), event("b", "b1"), event("a", "2")]).map(\.sequence) == [1, 1, 2])
      let first = try await store.update(
        key("a"), expectedVersion: created.metadata.version, status: bytes("s1"), terminal: false,
        appending: [event("a", "3"), event("b", "b2"), event("a", "4")])
      #expect(first.events.map(\.sequence) == [3, 2, 4])
      #expect(try await subject.eventLog.append([event("a", "5")]).map(\.sequence) == [5])
      let second = try await store.update(
        key("a"), expectedVersion: first.version, status: bytes("s2"), terminal: false, appending: [])
      #expect(second.events.isEmpty)
      #expect(second.version > first.version)
      let all = try await subject.eventLog.events(for: key("a"), after: 0, limit: 100)
      #expect(all.map(\.sequence) == [1, 2, 3, 4, 5])
      #expect(all.map(\.payload) == ["1", "2", "3", "4", "5"].map(bytes))
    }
  }

  @Test(arguments: StoreKind.allCases) func concurrentUpdatersAndAppendersKeepOneKeysEventsGapFree(
    _ kind: StoreKind
  ) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      _ = try await store.create(key("a"), spec: Data(), status: bytes("0"), labels: [:])
      let updaters = 6
      let rounds = 40
      let appends = 30
      let wins = try await withThrowingTaskGroup(of: [[ExecutionEvent]].self) { group in
        for writer in 0..<updaters {
          group.addTask {
            var won: [[ExecutionEvent]] = []
            for round in 0..<rounds {
              let current = try #require(try await store.getStatus(key("a")))
              let count = Int(String(decoding: current.status, as: UTF8.self)) ?? -1
              do {
                let result = try await store.update(
                  key("a"), expectedVersion: current.metadata.version, status: bytes("\(count + 1)"),
                  terminal: false,
                  appending: [event("a", "w\(writer) r\(round) first"), event("a", "w\(writer) r\(round) second")])
                won.append(result.events)
              } catch let error as StoreError {
                if error.code != .conflict { throw error }
                await Task.yield()
              }
            }
            return won
          }
        }
        group.addTask {
          for index in 0..<appends { _ = try await subject.eventLog.append([event("a", "plain \(index)")]) }
          return []
        }
        return try await group.reduce(into: [[ExecutionEvent]]()) { $0 += $1 }
      }
      #expect(!wins.isEmpty)
      let all = try await subject.eventLog.events(for: key("a"), after: 0, limit: 10_000)
      #expect(all.map(\.sequence) == Array(1...Int64(wins.count * 2 + appends)))
      for pair in wins {
        // One transaction: its two events are adjacent, nothing slipped in between.
        #expect(pair.count == 2 && pair[1].sequence == pair[0].sequence + 1)
        #expect(pair.allSatisfy { all[Int($0.sequence) - 1] == $0 })
      }
      #expect(try await store.getStatus(key("a"))?.status == bytes("\(wins.count)"))
    }
  }
}
