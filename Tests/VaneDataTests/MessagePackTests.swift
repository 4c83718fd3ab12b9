import Foundation
import Testing
import VaneData

/// The expected bytes were produced once with flytekit 1.16's Python environment:
/// `/work/main/.venv/bin/python -c 'import json, msgpack; print(msgpack.dumps(json.loads(TEXT)).hex())'`
/// and are embedded here as hex.
@Suite struct MessagePackTests {
  static let cases: [(String, String)] = [
    (
      #"{"a": 1, "b": [1, 2.5, "x"], "c": null, "d": true}"#,
      "84a16101a1629301cb4004000000000000a178a163c0a164c3"
    ),
    (
      #"{"n": -1, "m": -33, "big": 300, "huge": 70000, "neg": -200, "neg2": -40000, "neg3": -3000000000, "u32": 4294967296, "f": 0.1}"#,
      "89a16effa16dd0dfa3626967cd012ca468756765ce00011170a36e6567d1ff38a46e656732d2ffff63c0a46e656733d3ffffffff4d2fa200a3753332cf0000000100000000a166cb3fb999999999999a"
    ),
    (
      #"{"s": "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", "arr": [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19], "nested": {"k": {"z": false}}, "uni": "h\u00e9llo"}"#,
      "84a173d92879797979797979797979797979797979797979797979797979797979797979797979797979797979a3617272dc0014000102030405060708090a0b0c0d0e0f10111213a66e657374656481a16b81a17ac2a3756e69a668c3a96c6c6f"
    ),
    (
      #"{"obj": {"k0": 0,"k1": 1,"k2": 2,"k3": 3,"k4": 4,"k5": 5,"k6": 6,"k7": 7,"k8": 8,"k9": 9,"k10": 10,"k11": 11,"k12": 12,"k13": 13,"k14": 14,"k15": 15,"k16": 16}}"#,
      "81a36f626ade0011a26b3000a26b3101a26b3202a26b3303a26b3404a26b3505a26b3606a26b3707a26b3808a26b3909a36b31300aa36b31310ba36b31320ca36b31330da36b31340ea36b31350fa36b313610"
    ),
  ]

  @Test(arguments: cases)
  func encodesLikePython(text: String, hex: String) throws {
    let value = try JSONValue(parsing: text)
    #expect(MessagePack.encode(value).hex == hex)
  }

  @Test(arguments: cases)
  func decodesBackToTheSameValue(text: String, hex: String) throws {
    #expect(try MessagePack.decode(Data(hex: hex)) == (try JSONValue(parsing: text)))
  }

  @Test func rejectsTruncatedAndExtensionData() {
    #expect(throws: MessagePack.DecodeError.self) { try MessagePack.decode(Data(hex: "84a161")) }
    #expect(throws: MessagePack.DecodeError.self) { try MessagePack.decode(Data(hex: "d4010a")) }
    #expect(throws: MessagePack.DecodeError.self) { try MessagePack.decode(Data(hex: "0101")) }
  }
}
