import Foundation
import SwiftProtobuf
import Testing
import VaneAdmin
import VaneModel

@Suite struct WireFieldsTests {
  @Test func dropsTheNodeTreeAndKeepsTheRest() throws {
    var status = Vane_ExecutionStatus()
    status.phase = 3
    status.message = "done"
    status.outputsUri = "file:///o"
    status.rounds = 7
    for index in 0..<100 { status.nodes["n\(index)"] = Vane_NodeStatus() }
    let bytes: Data = try status.serializedBytes()
    let light = try #require(WireFields.removing([8], from: bytes))
    let decoded = try Vane_ExecutionStatus(serializedBytes: light)
    #expect(decoded.nodes.isEmpty)
    #expect(decoded.phase == 3 && decoded.message == "done" && decoded.outputsUri == "file:///o" && decoded.rounds == 7)
    #expect(light.count < bytes.count)
    #expect(WireFields.removing([8], from: Data([0x0a, 0xff])) == nil)  // a length past the end
  }
}
