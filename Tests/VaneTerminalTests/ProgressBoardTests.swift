import FlyteIDL
import Foundation
import Testing
import VaneTerminal

@Suite struct ProgressBoardTests {
  let t0 = Date(timeIntervalSince1970: 1_000)

  @Test func countsFollowNodesFromGroupToGroup() {
    var board = ProgressBoard()
    board.record(node: "n0", name: "a", phase: .queued, at: t0, detail: "")
    board.record(node: "n1", name: "b", phase: .queued, at: t0, detail: "")
    board.record(node: "n0", name: "a", phase: .running, at: t0 + 1, detail: "")
    #expect(board.count(.queued) == 1)
    #expect(board.count(.running) == 1)
    board.record(node: "n0", name: "a", phase: .succeeded, at: t0 + 3, detail: "")
    board.record(node: "n1", name: "b", phase: .recovered, at: t0 + 4, detail: "")
    #expect(board.count(.succeeded) == 2)
    #expect(board.count(.running) == 0)
    #expect(board.count(.queued) == 0)
    #expect(board.nodeCount == 2)
  }

  @Test func aNodeKeepsWhenItWasFirstSeenAndWhenItFirstEnded() {
    var board = ProgressBoard()
    board.record(node: "n0", name: "a", phase: .running, at: t0, detail: "")
    board.record(node: "n0", name: "a", phase: .failed, at: t0 + 5, detail: "boom")
    board.record(node: "n0", name: "a", phase: .failed, at: t0 + 9, detail: "boom again")
    let node = board.node("n0")
    #expect(node?.since == t0)
    #expect(node?.ended == t0 + 5)
    #expect(node?.detail == "boom again")
    #expect(node?.group == .failed)
  }

  @Test func aRetriedNodeRunsAgain() {
    var board = ProgressBoard()
    board.record(node: "n0", name: "a", phase: .failed, at: t0, detail: "")
    board.record(node: "n0", name: "a", phase: .running, at: t0 + 1, detail: "")
    #expect(board.node("n0")?.ended == nil)
    #expect(board.count(.failed) == 0)
    #expect(board.count(.running) == 1)
  }

  @Test func nodesOfAGroupComeInTheOrderFirstSeenUpToALimit() {
    var board = ProgressBoard()
    for index in 0..<10 {
      board.record(
        node: "n\(index)", name: "t", phase: index.isMultiple(of: 2) ? .running : .queued, at: t0, detail: "")
    }
    #expect(board.nodes(in: .running, limit: 3).map(\.id) == ["n0", "n2", "n4"])
    #expect(board.nodes(in: .queued, limit: 100).map(\.id) == ["n1", "n3", "n5", "n7", "n9"])
    #expect(board.nodes(in: .failed, limit: 5).isEmpty)
  }
}
