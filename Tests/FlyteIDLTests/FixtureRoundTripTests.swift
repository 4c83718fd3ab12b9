import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing

/// Every message fixture that flytekit wrote must survive Swift's codecs unchanged.
@Suite("flytekit fixtures round-trip through Swift")
struct FixtureRoundTripTests {
  static let deterministic: BinaryEncodingOptions = {
    var options = BinaryEncodingOptions()
    options.useDeterministicOrdering = true
    return options
  }()

  func messageType(_ entry: FixtureEntry) throws -> any SwiftProtobuf.Message.Type {
    try #require(FlyteMessageRegistry.types[entry.type], "\(entry.type) is not in FlyteMessageRegistry")
  }

  @Test("binary decode then deterministic encode gives flytekit's bytes", arguments: FixtureManifest.entries)
  func binaryRoundTrip(entry: FixtureEntry) throws {
    let type = try messageType(entry)
    let original = try FixtureManifest.bytes(entry.file)
    let message = try type.init(
      serializedBytes: original, extensions: nil, partial: false, options: BinaryDecodingOptions())
    let encoded: Data = try message.serializedBytes(options: Self.deterministic)
    #expect(encoded == original, "\(entry.file): \(encoded.count) bytes written, \(original.count) read")
  }

  @Test("flytekit's JSON decodes to the same message as its binary", arguments: FixtureManifest.entries)
  func jsonMatchesBinary(entry: FixtureEntry) throws {
    let type = try messageType(entry)
    var options = BinaryDecodingOptions()
    // JSON has no unknown fields, so compare it with the binary minus them.
    options.discardUnknownFields = true
    let fromBinary = try type.init(
      serializedBytes: try FixtureManifest.bytes(entry.file), extensions: nil, partial: false, options: options)
    let fromJSON = try type.init(
      jsonUTF8Bytes: try FixtureManifest.bytes(entry.json), extensions: nil, options: JSONDecodingOptions())
    #expect(fromJSON.isEqualTo(message: fromBinary), "\(entry.json) differs from \(entry.file)")
  }

  @Test("Swift's JSON decodes back to an equal message", arguments: FixtureManifest.entries)
  func jsonRoundTrip(entry: FixtureEntry) throws {
    let type = try messageType(entry)
    let message = try type.init(
      jsonUTF8Bytes: try FixtureManifest.bytes(entry.json), extensions: nil, options: JSONDecodingOptions())
    let json: Data = try message.jsonUTF8Bytes()
    let again = try type.init(jsonUTF8Bytes: json, extensions: nil, options: JSONDecodingOptions())
    #expect(again.isEqualTo(message: message), "\(entry.json) changed through Swift's JSON")
  }

  @Test("unknown fields are kept in place", arguments: FixtureManifest.entries.filter(\.unknownFields))
  func unknownFieldsSurvive(entry: FixtureEntry) throws {
    let type = try messageType(entry)
    let original = try FixtureManifest.bytes(entry.file)
    let kept = try type.init(
      serializedBytes: original, extensions: nil, partial: false, options: BinaryDecodingOptions())
    var discarding = BinaryDecodingOptions()
    discarding.discardUnknownFields = true
    let dropped = try type.init(serializedBytes: original, extensions: nil, partial: false, options: discarding)
    #expect(!kept.unknownFields.data.isEmpty, "top-level unknown fields were not read")
    #expect(!kept.isEqualTo(message: dropped), "unknown fields made no difference to the decoded message")
    let droppedBytes: Data = try dropped.serializedBytes(options: Self.deterministic)
    #expect(droppedBytes.count < original.count)
    let keptBytes: Data = try kept.serializedBytes(options: Self.deterministic)
    #expect(keptBytes == original)
  }
}
