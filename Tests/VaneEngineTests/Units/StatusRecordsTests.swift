import Foundation
import SwiftProtobuf
import Testing
import VaneModel
import VaneStore

@testable import VaneEngine

/// Node statuses stored apart (`StatusPath`, `StatusChanges`, `StatusAssembly`, `KnownStatus`):
/// whatever a round does to the tree, applying its write to what the store holds and reading
/// that back gives exactly the new status, and the write holds only the nodes that changed.
@Suite("Status records")
struct StatusRecordsTests {
  @Test func pathsRoundTripAnyIdAndRefuseMalformedOnes() {
    let ids = ["n0", "a/b", "1:2", "ü-node", "", "x"]
    let path = StatusPath.path(ids)
    #expect(StatusPath.ids(path) == ids)
    #expect(StatusPath.child("dn5", of: "2:n0") == "2:n03:dn5")
    for malformed in ["", "n0", "3:ab", "2:n0x", ":a", "99999999999:a"] {
      #expect(StatusPath.ids(malformed) == nil, "\(malformed)")
    }
  }

  @Test func anUntouchedStatusWritesNoRecordAndOneChangeWritesOne() throws {
    let status = Self.tree(top: 50, children: 20)
    let unchanged = try StatusChanges.write(from: status, to: status)
    #expect(unchanged.records.isEmpty)
    #expect(unchanged.removed.isEmpty)
    #expect(!unchanged.replacesRecords)

    var next = status
    next.nodes["n7"]!.children["c3"]!.phase = 4
    let one = try StatusChanges.write(from: status, to: next)
    #expect(Array(one.records.keys) == [StatusPath.path(["n7", "c3"])])
    #expect(one.removed.isEmpty)
  }

  @Test func randomRoundsApplyToExactlyTheNewStatus() throws {
    var random = SplitMix(seed: 13)
    var status = Self.tree(top: 8, children: 3)
    // The store's view: what a first write (replacing every record) left there.
    var head = Data()
    var records: [String: Data] = [:]
    Self.apply(try StatusChanges.write(from: nil, to: status), head: &head, records: &records)
    #expect(try StatusAssembly.status(head: head, records: records) == status)

    for round in 0..<300 {
      let before = status
      for _ in 0..<Int.random(in: 1...4, using: &random) { Self.mutate(&status, using: &random) }
      status.rounds = UInt64(round)
      let write = try StatusChanges.write(from: before, to: status)
      Self.apply(write, head: &head, records: &records)
      let read = try StatusAssembly.status(head: head, records: records)
      #expect(read == status, "round \(round)")
      #expect(records.count == Self.count(status.nodes), "one record per node, round \(round)")
      if read != status { return }
    }
  }

  @Test func aStatusWrittenWholeIsReadAndItsFirstWriteReplacesEveryRecord() throws {
    let status = Self.tree(top: 3, children: 2)
    let stored = StoredStatus(metadata: Self.metadata(version: 4), status: try status.serializedBytes())
    var known = try KnownStatus(stored)
    #expect(known.status == status)
    #expect(!known.inRecords)
    let write = try StatusChanges.write(from: known.inRecords ? known.status : nil, to: status)
    #expect(write.replacesRecords)
    #expect(write.records.count == 5, "three top-level nodes and the two children of n1")
    known.applied(write, status: status, version: 5)
    #expect(known.inRecords)
    #expect(known.totalBytes == write.head.count + write.records.values.reduce(0) { $0 + $1.count })
  }

  @Test func theKnownSizeFollowsEveryWrite() throws {
    var status = Self.tree(top: 4, children: 2)
    var known = try KnownStatus(StoredStatus(metadata: Self.metadata(version: 1), status: Data()))
    var random = SplitMix(seed: 5)
    var before = Vane_ExecutionStatus()
    for round in 0..<50 {
      let write = try StatusChanges.write(from: before, to: status)
      let expected = known.totalBytes(after: write)
      known.applied(write, status: status, version: Int64(round + 2))
      #expect(known.totalBytes == expected)
      var head = status
      head.nodes = [:]
      let records = Self.records(of: status.nodes, under: "")
      let headBytes: Data = try head.serializedBytes()
      #expect(known.totalBytes == headBytes.count + records.values.reduce(0) { $0 + $1.count })
      before = status
      Self.mutate(&status, using: &random)
    }
  }

  @Test func recordsThatDoNotFitTheTreeAreRefused() throws {
    let child: Data = try Vane_NodeStatus().serializedBytes()
    #expect(throws: EngineError.self) {
      try StatusAssembly.status(head: Data(), records: [StatusPath.path(["missing", "c"]): child])
    }
    #expect(throws: EngineError.self) {
      try StatusAssembly.status(head: Data(), records: ["bad path": child])
    }
    #expect(throws: EngineError.self) {
      try StatusAssembly.status(head: Data(), records: [StatusPath.path(["n"]): Data([0xFF, 0xFF, 0xFF])])
    }
  }

  // MARK: - Helpers

  static func metadata(version: ResourceVersion) -> ResourceMetadata {
    ResourceMetadata(
      key: ResourceKey(project: "p", domain: "d", name: "n"), version: version, labels: [:], createdAt: Date(),
      isTerminal: false, abortRequest: nil)
  }

  static func tree(top: Int, children: Int) -> Vane_ExecutionStatus {
    var status = Vane_ExecutionStatus()
    status.phase = 2
    for index in 0..<top {
      var node = Vane_NodeStatus()
      node.phase = 1
      node.dataDir = "file:///data/n\(index)"
      if index % 2 == 1 {
        for child in 0..<children {
          var leaf = Vane_NodeStatus()
          leaf.attempts = UInt32(child)
          node.children["c\(child)"] = leaf
        }
      }
      status.nodes["n\(index)"] = node
    }
    return status
  }

  /// One change a round could make: a phase, a new child, a new top-level node, a removal.
  static func mutate(_ status: inout Vane_ExecutionStatus, using random: inout SplitMix) {
    let ids = status.nodes.keys.sorted()
    guard let id = ids.randomElement(using: &random) else {
      status.nodes["n0"] = Vane_NodeStatus()
      return
    }
    switch Int.random(in: 0..<6, using: &random) {
    case 0: status.nodes[id]!.phase += 1
    case 1: status.nodes[id]!.children["c\(Int.random(in: 0..<5, using: &random))"] = Vane_NodeStatus()
    case 2:
      if let child = status.nodes[id]!.children.keys.sorted().randomElement(using: &random) {
        status.nodes[id]!.children[child]!.attempts += 1
        status.nodes[id]!.children[child]!.children["g"] = Vane_NodeStatus()
      }
    case 3: status.nodes["n\(Int.random(in: 0..<20, using: &random))"] = Vane_NodeStatus()
    case 4: status.nodes.removeValue(forKey: id)
    default:
      if let child = status.nodes[id]!.children.keys.sorted().randomElement(using: &random) {
        status.nodes[id]!.children.removeValue(forKey: child)
      }
    }
  }

  static func apply(_ write: StatusWrite, head: inout Data, records: inout [String: Data]) {
    head = write.head
    if write.replacesRecords { records = [:] }
    for path in write.removed { records.removeValue(forKey: path) }
    records.merge(write.records) { _, new in new }
  }

  static func count(_ nodes: [String: Vane_NodeStatus]) -> Int {
    nodes.values.reduce(nodes.count) { $0 + count($1.children) }
  }

  static func records(of nodes: [String: Vane_NodeStatus], under parent: String) -> [String: Data] {
    var records: [String: Data] = [:]
    for (id, node) in nodes {
      let path = StatusPath.child(id, of: parent)
      var own = node
      own.children = [:]
      records[path] = try? own.serializedBytes()
      records.merge(Self.records(of: node.children, under: path)) { a, _ in a }
    }
    return records
  }
}
