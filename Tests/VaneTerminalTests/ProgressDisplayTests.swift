import FlyteIDL
import Foundation
import Testing
import VaneEngine
import VaneModel
import VaneStore
import VaneTerminal
import VaneTesting

@Suite struct ProgressDisplayTests {
  let clock = ManualClock()
  let written = Locked<[String]>([])
  let key = ResourceKey(project: "p", domain: "d", name: "e1")

  func display(_ mode: ProgressDisplay.Mode, rows: Int = 12) -> ProgressDisplay {
    let written = self.written
    return ProgressDisplay(
      mode: mode, clock: clock, style: TerminalStyle(colors: false),
      size: { TerminalSize(rows: rows, columns: 100) }, write: { text in written.withLock { $0.append(text) } })
  }

  func nodeEvent(_ id: String, _ phase: Flyteidl_Core_NodeExecution.Phase, detail: String = "") -> EngineEvent {
    var node = Flyteidl_Event_NodeExecutionEvent()
    node.phase = phase
    return EngineEvent(
      key: key, message: .node(node), nodeID: id, nodeName: "task_\(id)", phaseName: "\(phase)", detail: detail,
      occurredAt: clock.now.date)
  }

  /// Lets the redraw loop run one period and waits until it sleeps again (it has drawn, or
  /// decided not to).
  func tick() async throws {
    clock.advance(by: .milliseconds(100))
    try await clock.waitForSleeper(after: .milliseconds(100))
  }

  @Test func aBurstOfEventsIsDrawnOnceAndEachDrawingFitsTheTerminal() async throws {
    let display = display(.table)
    display.begin()
    try await clock.waitForSleeper(after: .milliseconds(100))
    for index in 0..<2_000 {
      display.show(nodeEvent("n\(index)", .queued))
      display.show(nodeEvent("n\(index)", .running))
    }
    try await tick()
    #expect(written.value.count == 1)
    let lines = written.value[0].split(separator: "\n")
    #expect(lines.count == 11)
    #expect(lines[0].contains("0 succeeded / 2000 running / 0 queued"))
    await display.finish()
  }

  @Test func elapsedTimeTicksEverySecondWithoutEventsAndRedrawsInPlace() async throws {
    let display = display(.table)
    display.begin()
    try await clock.waitForSleeper(after: .milliseconds(100))
    display.show(nodeEvent("n0", .running))
    try await tick()
    #expect(written.value.count == 1)
    for _ in 0..<9 { try await tick() }
    #expect(written.value.count == 1)
    try await tick()
    #expect(written.value.count == 2)
    let second = written.value[1]
    #expect(second.hasPrefix("\u{1B}[3F\u{1B}[J"))
    #expect(second.contains("Queued 1s"))
    #expect(second.contains("Running    1s"))
    await display.finish()
  }

  @Test func finishDrawsTheFinalStateAndStopsTheLoop() async throws {
    let display = display(.table)
    display.begin()
    try await clock.waitForSleeper(after: .milliseconds(100))
    display.show(nodeEvent("n0", .running))
    display.show(nodeEvent("n0", .failed, detail: "ValueError: no"))
    var workflow = Flyteidl_Event_WorkflowExecutionEvent()
    workflow.phase = .failed
    display.show(
      EngineEvent(
        key: key, message: .workflow(workflow), nodeID: nil, nodeName: "wf", phaseName: "Failed", detail: "",
        occurredAt: clock.now.date))
    await display.finish()
    #expect(clock.sleepers.isEmpty)
    let last = written.value.last ?? ""
    #expect(last.contains("Failed 0s  0 succeeded / 0 running / 0 queued / 1 failed"))
    #expect(last.contains("ValueError: no"))
  }

  @Test func withoutATerminalEveryTransitionIsOneLine() async throws {
    let display = display(.lines)
    display.begin()
    #expect(clock.sleepers.isEmpty)
    clock.advance(by: .milliseconds(1_500))
    display.show(nodeEvent("n0", .running))
    display.show(nodeEvent("n0", .succeeded))
    await display.finish()
    #expect(written.value == ["[   1.50s] n0 task_n0: running\n", "[   1.50s] n0 task_n0: succeeded\n"])
  }
}
