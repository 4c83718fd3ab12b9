import FlyteIDL
import Foundation
import Testing
import VaneTerminal

@Suite struct ProgressFrameTests {
  let t0 = Date(timeIntervalSince1970: 1_000)
  let plain = TerminalStyle(colors: false)

  func board(running: Int, failed: Int = 0, queued: Int = 0, succeeded: Int = 0) -> ProgressBoard {
    var board = ProgressBoard()
    board.record(workflow: .running)
    var index = 0
    for (count, phase) in [
      (succeeded, Flyteidl_Core_NodeExecution.Phase.succeeded), (running, .running), (failed, .failed),
      (queued, .queued),
    ] {
      for _ in 0..<count {
        board.record(node: "n\(index)", name: "task_\(index)", phase: phase, at: t0, detail: "")
        index += 1
      }
    }
    return board
  }

  @Test func summaryCountsEveryGroupAndTheElapsedTime() {
    let frame = ProgressFrame(
      board: board(running: 2, failed: 1, queued: 5, succeeded: 3), now: t0 + 65, start: t0,
      size: TerminalSize(rows: 40, columns: 120), style: plain)
    #expect(frame.lines[0] == "  Running 1m05s  3 succeeded / 2 running / 5 queued / 1 failed")
    #expect(frame.lines.count == 2 + 3)
  }

  @Test func failedNodesComeBeforeRunningOnesAndFinishedOnesAreNotListed() {
    let frame = ProgressFrame(
      board: board(running: 2, failed: 1, succeeded: 3), now: t0 + 1, start: t0,
      size: TerminalSize(rows: 40, columns: 120), style: plain)
    let rows = frame.lines.dropFirst(2)
    #expect(rows.first?.contains("task_5") == true)
    #expect(rows.first?.contains("Failed") == true)
    #expect(rows.dropFirst().allSatisfy { $0.contains("Running") })
    #expect(!frame.lines.contains { $0.contains("task_0") })
  }

  @Test func aFrameNeverOutgrowsTheTerminal() {
    let size = TerminalSize(rows: 10, columns: 50)
    let frame = ProgressFrame(
      board: board(running: 500, failed: 20), now: t0 + 3, start: t0, size: size, style: plain)
    #expect(frame.lines.count == 9)
    #expect(frame.lines.allSatisfy { $0.count <= 49 })
    #expect(frame.lines.last == "  … and 14 more failed, 500 more running")
    #expect(frame.lines.dropFirst(2).dropLast().allSatisfy { $0.contains("Failed") })
  }

  @Test func aLongErrorShowsItsFirstLineCutToTheWidth() {
    var board = ProgressBoard()
    board.record(
      node: "n0", name: "t", phase: .failed, at: t0, detail: String(repeating: "x", count: 500) + "\nsecond line")
    let frame = ProgressFrame(
      board: board, now: t0, start: t0, size: TerminalSize(rows: 10, columns: 80), style: plain)
    #expect(frame.lines[2].count == 79)
    #expect(frame.lines[2].hasSuffix("x…"))
    #expect(!frame.lines.joined().contains("second line"))
  }

  @Test func colourMarksGroupsOnlyWhenAllowed() {
    let coloured = ProgressFrame(
      board: board(running: 1, failed: 1), now: t0, start: t0, size: TerminalSize(rows: 20, columns: 120),
      style: TerminalStyle(colors: true))
    #expect(coloured.lines.contains { $0.hasPrefix("\u{1B}[31m") && $0.contains("Failed") })
    #expect(coloured.lines.contains { $0.hasPrefix("\u{1B}[33m") && $0.contains("Running") })
    let uncoloured = ProgressFrame(
      board: board(running: 1, failed: 1), now: t0, start: t0, size: TerminalSize(rows: 20, columns: 120),
      style: plain)
    #expect(!uncoloured.lines.joined().contains("\u{1B}"))
  }
}

@Suite struct TerminalStyleTests {
  @Test func noColorTurnsColourOffWhenSetToAnything() {
    #expect(!TerminalStyle(environment: ["NO_COLOR": "1"], interactive: true).colors)
    #expect(TerminalStyle(environment: ["NO_COLOR": ""], interactive: true).colors)
    #expect(!TerminalStyle(environment: ["TERM": "dumb"], interactive: true).colors)
    #expect(!TerminalStyle(environment: [:], interactive: false).colors)
    #expect(TerminalStyle(environment: ["TERM": "xterm-256color"], interactive: true).colors)
  }

  @Test func elapsedTimeIsInWholeSeconds() {
    #expect(ElapsedText.of(0.9) == "0s")
    #expect(ElapsedText.of(59.99) == "59s")
    #expect(ElapsedText.of(65) == "1m05s")
    #expect(ElapsedText.of(7_380) == "2h03m")
    #expect(ElapsedText.of(-3) == "0s")
  }
}
