import Foundation
import Testing
import VaneModel

@testable import VaneConsole

@Suite struct ExecutionViewsTests {
  /// 250 echo nodes fanned out, the first 3 failed, the rest done; then a report node.
  func model() -> ExecutionModel {
    let nodes = (0..<250).map { GraphFixtures.taskNode("n\($0)", task: "wf.echo") }
    let report = GraphFixtures.taskNode("report", task: "wf.report")
    let wf = GraphFixtures.workflow(nodes + [report], edges: (0..<250).map { ("n\($0)", "report") })
    var statuses: [String: Vane_NodeStatus] = [:]
    for index in 0..<250 {
      statuses["n\(index)"] = GraphFixtures.status(index < 3 ? .failed : .succeeded, start: Double(index % 7), stop: 10)
    }
    statuses["report"] = GraphFixtures.status(.running, start: 10)
    return ExecutionModel(
      closure: GraphFixtures.closure(wf), status: GraphFixtures.executionStatus(statuses), expanded: [],
      dynamicClosures: [:], now: GraphFixtures.origin.addingTimeInterval(15))
  }

  @Test func modelFoldsTheFanOutAndFindsTheCriticalPath() {
    let model = model()
    #expect(model.graph.nodes.count == 4)
    #expect(model.critical == ["group:n0", "report"])
    let group = model.live.nodes["group:n0"]
    #expect(group == ["phase-failed", "247 done · 3 failed"])
  }

  @Test func liveChangesCarryOnlyWhatDiffers() {
    var before = model().live
    var after = before
    after.nodes["report"] = ["phase-succeeded", "Succeeded"]
    #expect(after.changes(since: before) == ["report": ["phase-succeeded", "Succeeded"]])
    #expect(after.changes(since: after).isEmpty)
    before.nodes = [:]
    #expect(after.changes(since: nil).count == after.nodes.count)
  }

  @Test func nodeTablePagesAndFilters() {
    let model = model()
    let full = GraphBuilder(
      closure: GraphFixtures.closure(
        GraphFixtures.workflow(
          (0..<250).map { GraphFixtures.taskNode("n\($0)", task: "wf.echo") } + [GraphFixtures.taskNode("report")],
          edges: []))
    ).graph(status: nil)
    let first = NodeTableView(graph: full, index: model.index, style: nil, members: nil, page: 1, now: model.now) { $0 }
    #expect(first.total == 251 && first.pages == 3 && first.rows.count == 100)
    #expect(first.previousPage == nil && first.nextPage == 2)
    #expect(first.rows[0].id == "n0" && first.rows[0].phase == "Failed")
    let failed = NodeTableView(graph: full, index: model.index, style: .failed, members: nil, page: 1, now: model.now) {
      $0
    }
    #expect(failed.rows.map(\.id) == ["n0", "n1", "n2"])
    let last = NodeTableView(graph: full, index: model.index, style: nil, members: nil, page: 99, now: model.now) { $0 }
    #expect(last.page == 3 && last.rows.count == 51 && last.nextPage == nil)
    let members = NodeTableView(
      graph: full, index: model.index, style: nil, members: ["n5", "n6"], page: 1, now: model.now
    ) { $0 }
    #expect(members.rows.map(\.id) == ["n5", "n6"])
  }

  @Test func timelineRowsSpanTheExecution() {
    let model = model()
    let timeline = TimelineView(
      graph: model.graph, timings: model.timings, critical: Set(model.critical), now: model.now
    ) { $0 }
    #expect(timeline.rows.map(\.id) == ["group:n0", "report"])
    #expect(timeline.rows.allSatisfy { $0.critical })
    #expect(timeline.rows[0].segments.last?.left == "0.000%")
    #expect(timeline.rows[1].segments.last?.cssClass == "phase-running")
    #expect(timeline.ticks.last?.text == "+15.0 s")
  }
}
