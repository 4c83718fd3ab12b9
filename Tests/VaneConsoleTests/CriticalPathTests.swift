import Foundation
import Testing

@testable import VaneConsole

@Suite struct CriticalPathTests {
  let origin = Date(timeIntervalSince1970: 0)

  func timing(_ start: Double, _ stop: Double?) -> NodeTiming {
    NodeTiming(
      started: origin.addingTimeInterval(start), stopped: stop.map { origin.addingTimeInterval($0) }, attempts: 1)
  }

  @Test func followsTheUpstreamThatFinishedLast() {
    // a → {fast, slow} → join → report; slow decides when join may start.
    let edges = [("a", "fast"), ("a", "slow"), ("fast", "join"), ("slow", "join"), ("join", "report")]
      .map { GraphEdge(from: $0.0, to: $0.1) }
    let timings = [
      "a": timing(0, 1), "fast": timing(1, 2), "slow": timing(1, 9), "join": timing(9, 10), "report": timing(10, 12),
    ]
    #expect(CriticalPath.compute(edges: edges, timings: timings, now: origin) == ["a", "slow", "join", "report"])
  }

  @Test func aRunningNodeCountsUntilNow() {
    let edges = [GraphEdge(from: "a", to: "b"), GraphEdge(from: "a", to: "c")]
    let timings = ["a": timing(0, 1), "b": timing(1, 3), "c": timing(1, nil)]
    #expect(CriticalPath.compute(edges: edges, timings: timings, now: origin.addingTimeInterval(5)) == ["a", "c"])
  }

  @Test func nodesThatNeverStartedAreNotOnIt() {
    let edges = [GraphEdge(from: "a", to: "b")]
    #expect(CriticalPath.compute(edges: edges, timings: ["b": NodeTiming()], now: origin).isEmpty)
  }
}
