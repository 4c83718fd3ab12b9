import Foundation
import Testing
import VaneStore

@Suite struct EventLogTests {
  @Test(arguments: StoreKind.allCases) func appendNumbersEachExecutionsEventsAndReadsThemBack(
    _ kind: StoreKind
  ) async throws {
    try await withStore(kind) { subject in
      // A log of its own over the store's data, as the admin side opens one.
      let log = try await subject.separateLog()
      let at = Date(timeIntervalSince1970: 1_700_000_000.123456)
      let appended = try await log.append([
        NewExecutionEvent(key: key("a"), kind: .workflow, phase: 1, occurredAt: at, payload: bytes("wf running")),
        NewExecutionEvent(key: key("b"), kind: .node, phase: 2, occurredAt: at, payload: bytes("b node")),
        NewExecutionEvent(key: key("a"), kind: .task, phase: 3, occurredAt: at, payload: bytes("a task")),
      ])
      #expect(appended.map(\.sequence) == [1, 1, 2])
      let more = try await log.append([
        NewExecutionEvent(key: key("a"), kind: .node, phase: 5, occurredAt: at, payload: Data())
      ])
      #expect(more.map(\.sequence) == [3])

      let all = try await log.events(for: key("a"), after: 0, limit: 100)
      #expect(all.map(\.sequence) == [1, 2, 3])
      #expect(all.map(\.kind) == [.workflow, .task, .node])
      #expect(all.map(\.phase) == [1, 3, 5])
      #expect(all[0].payload == bytes("wf running"))
      #expect(all[2].payload.isEmpty)
      #expect(abs(all[0].occurredAt.timeIntervalSince(at)) < 0.000_002)
      #expect(try await log.events(for: key("a"), after: 1, limit: 1).map(\.sequence) == [2])
      #expect(try await log.events(for: key("b"), after: 0, limit: 10).map(\.payload) == [bytes("b node")])
      #expect(try await log.events(for: key("none"), after: 0, limit: 10).isEmpty)
    }
  }

  @Test(arguments: StoreKind.allCases) func aFailedBatchAppendsNothing(_ kind: StoreKind) async throws {
    try await withStore(kind) { subject in
      // A log of its own over the store's data, as the admin side opens one.
      let log = try await subject.separateLog()
      let code = await storeErrorCode {
        _ = try await log.append([
          NewExecutionEvent(key: key("a"), kind: .workflow, phase: 0, occurredAt: Date(), payload: Data()),
          NewExecutionEvent(
            key: ResourceKey(project: "", domain: "d", name: "n"), kind: .node, phase: 0, occurredAt: Date(),
            payload: Data()),
        ])
      }
      #expect(code == .invalidArgument)
      #expect(try await log.events(for: key("a"), after: 0, limit: 10).isEmpty)
    }
  }
}
