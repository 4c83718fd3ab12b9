import FlyteIDL
import Foundation
import Testing
import VaneEngine
import VaneModel
import VaneStore
import VaneTesting

@testable import VaneConsole

@Suite struct LiveUpdatesTests {
  func event(_ project: String, _ name: String) -> EngineEvent {
    EngineEvent(
      key: ResourceKey(project: project, domain: "development", name: name),
      message: .workflow(Flyteidl_Event_WorkflowExecutionEvent()), nodeID: nil, nodeName: "", phaseName: "Running",
      detail: "", occurredAt: ManualClock.start.date)
  }

  @Test func subscribersHearOnlyTheirScopeAndBurstsMerge() async throws {
    let live = LiveUpdates()
    let one = try live.subscribe(.execution(project: "p", domain: "development", name: "a"))
    let all = try live.subscribe(.executions(project: "p", domain: "development"))
    live.engine(recorded: [event("q", "a")])
    live.engine(recorded: [event("p", "b")])
    live.engine(recorded: [event("p", "a")])
    live.engine(recorded: [event("p", "a"), event("p", "a")])
    var oneIterator = one.makeAsyncIterator()
    var allIterator = all.makeAsyncIterator()
    // Several changes while nobody read are one wake-up.
    #expect(await oneIterator.next() != nil)
    #expect(await allIterator.next() != nil)
    #expect(live.subscriberCount == 2)
  }

  @Test func capacityIsEnforcedAndCancelledSubscriptionsFreeTheirPlace() throws {
    let live = LiveUpdates(capacity: 1)
    var first: AsyncStream<Void>? = try live.subscribe(.executions(project: "p", domain: "d"))
    #expect(throws: ConsoleError.self) { try live.subscribe(.executions(project: "p", domain: "d")) }
    _ = first
    first = nil
    #expect(live.subscriberCount == 0)
    _ = try live.subscribe(.executions(project: "p", domain: "d"))
  }
}
