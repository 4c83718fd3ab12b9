import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneData
import VaneModel
import VaneTesting

@testable import VaneEngine

/// Following `outputs.o0.field[2]` into lists, maps and dataclasses (Struct or MessagePack).
@Suite("AttributePath")
struct AttributePathTests {
  static func path(_ parts: [Any]) -> [Flyteidl_Core_PromiseAttribute] {
    parts.map { part in
      var attribute = Flyteidl_Core_PromiseAttribute()
      if let index = part as? Int { attribute.intValue = Int32(index) } else { attribute.stringValue = "\(part)" }
      return attribute
    }
  }

  static func follow(_ parts: [Any], in literal: Flyteidl_Core_Literal) throws(BindingError) -> Flyteidl_Core_Literal {
    try AttributePath.follow(path(parts), in: literal, input: "shape")
  }

  /// The error message of following `parts`, or nil when it succeeds.
  static func failure(_ parts: [Any], in literal: Flyteidl_Core_Literal) -> BindingError? {
    do {
      _ = try follow(parts, in: literal)
      return nil
    } catch {
      return error
    }
  }

  /// `{"name": "sq", "size": 3, "scale": 1.5, "tags": ["a", "b"], "inner": {"ok": true, "none": null}}`
  static let object = JSONValue.object([
    JSONMember("name", .string("sq")), JSONMember("size", .integer(3)), JSONMember("scale", .double(1.5)),
    JSONMember("tags", .array([.string("a"), .string("b")])),
    JSONMember("inner", .object([JSONMember("ok", .bool(true)), JSONMember("none", .null)])),
  ])

  static var messagePack: Flyteidl_Core_Literal {
    var literal = Flyteidl_Core_Literal()
    literal.scalar.binary.value = MessagePack.encode(object)
    literal.scalar.binary.tag = LiteralTypeInference.messagePackTag
    return literal
  }

  static var structLiteral: Flyteidl_Core_Literal {
    var inner = Google_Protobuf_Struct()
    inner.fields["ok"] = Google_Protobuf_Value(boolValue: true)
    inner.fields["none"] = Google_Protobuf_Value(nilLiteral: ())
    var object = Google_Protobuf_Struct()
    object.fields["name"] = Google_Protobuf_Value(stringValue: "sq")
    object.fields["size"] = Google_Protobuf_Value(numberValue: 3)
    object.fields["tags"] = Google_Protobuf_Value(
      listValue: Google_Protobuf_ListValue(values: [
        Google_Protobuf_Value(stringValue: "a"), Google_Protobuf_Value(stringValue: "b"),
      ]))
    object.fields["inner"] = Google_Protobuf_Value(structValue: inner)
    var literal = Flyteidl_Core_Literal()
    literal.scalar.generic = object
    return literal
  }

  @Test func anEmptyPathGivesTheLiteralItself() throws {
    #expect(try Self.follow([], in: .int(4)) == .int(4))
  }

  @Test func indexesListsAndKeysMaps() throws {
    let list = Flyteidl_Core_Literal.list([.int(10), .int(20), .list([.string("x"), .string("y")])])
    #expect(try Self.follow([1], in: list) == .int(20))
    #expect(try Self.follow([2, 1], in: list) == .string("y"))
    let map = Flyteidl_Core_Literal.map(["a": .int(1), "b": .list([.int(5)])])
    #expect(try Self.follow(["b", 0], in: map) == .int(5))
  }

  @Test func listAndMapMistakesAreNamed() {
    let list = Flyteidl_Core_Literal.list([.int(10)])
    #expect(Self.failure([3], in: list)?.message == "index 3 is out of range for a list of 1")
    #expect(Self.failure([-1], in: list)?.message == "index -1 is out of range for a list of 1")
    #expect(Self.failure(["zz"], in: .map(["a": .int(1)]))?.message == "the map has no key 'zz'")
    #expect(Self.failure(["a"], in: list)?.message == "cannot follow attribute 'a' into this value")
    #expect(Self.failure([0], in: .int(1))?.message == "cannot follow attribute [0] into this value")
    #expect(Self.failure([3], in: list)?.input == "shape")
  }

  @Test func followsMessagePackDataclasses() throws {
    #expect(try Self.follow(["name"], in: Self.messagePack) == .string("sq"))
    #expect(try Self.follow(["size"], in: Self.messagePack) == .int(3))
    #expect(try Self.follow(["scale"], in: Self.messagePack) == .float(1.5))
    #expect(try Self.follow(["tags", 1], in: Self.messagePack) == .string("b"))
    #expect(try Self.follow(["inner", "ok"], in: Self.messagePack) == .bool(true))
    let none = try Self.follow(["inner", "none"], in: Self.messagePack)
    guard case .noneType? = none.scalar.value else {
      Issue.record("null should become None, got \(none)")
      return
    }
  }

  @Test func aMessagePackPathEndingOnAnObjectStaysMessagePack() throws {
    let inner = try Self.follow(["inner"], in: Self.messagePack)
    #expect(inner.scalar.binary.tag == LiteralTypeInference.messagePackTag)
    #expect(
      try MessagePack.decode(inner.scalar.binary.value)
        == .object([JSONMember("ok", .bool(true)), JSONMember("none", .null)]))
    let tags = try Self.follow(["tags"], in: Self.messagePack)
    #expect(try MessagePack.decode(tags.scalar.binary.value) == .array([.string("a"), .string("b")]))
  }

  @Test func messagePackMistakesAreNamed() {
    #expect(
      Self.failure(["colour"], in: Self.messagePack)?.message
        == "the dataclass has no field 'colour' (it has: name, size, scale, tags, inner)")
    #expect(Self.failure(["tags", 5], in: Self.messagePack)?.message == "index 5 is out of range for a list of 2")
    #expect(
      Self.failure(["size", "x"], in: Self.messagePack)?.message.hasPrefix("cannot follow attribute 'x' into") == true)
    var broken = Self.messagePack
    broken.scalar.binary.value = Data([0xc1])
    #expect(
      Self.failure(["name"], in: broken)?.message.hasPrefix("the dataclass bytes are not valid MessagePack") == true)
  }

  @Test func followsStructDataclasses() throws {
    #expect(try Self.follow(["name"], in: Self.structLiteral) == .string("sq"))
    #expect(try Self.follow(["size"], in: Self.structLiteral) == .float(3), "Struct numbers are doubles")
    #expect(try Self.follow(["tags", 0], in: Self.structLiteral) == .string("a"))
    #expect(try Self.follow(["inner", "ok"], in: Self.structLiteral) == .bool(true))
    let inner = try Self.follow(["inner"], in: Self.structLiteral)
    #expect(inner.scalar.generic.fields["ok"] == Google_Protobuf_Value(boolValue: true))
    let tags = try Self.follow(["tags"], in: Self.structLiteral)
    #expect(tags == .list([.string("a"), .string("b")]))
    #expect(Self.failure(["colour"], in: Self.structLiteral)?.message.contains("no field 'colour'") == true)
  }

  @Test func aPathIntoAListOfDataclassesSwitchesEncodingMidway() throws {
    let list = Flyteidl_Core_Literal.list([.int(0), Self.messagePack])
    #expect(try Self.follow([1, "tags", 0], in: list) == .string("a"))
  }
}

/// Binding resolution over upstream outputs.
@Suite("BindingResolver")
struct BindingResolverTests {
  static func promise(_ node: String, _ output: String, path: [Any] = []) -> Flyteidl_Core_BindingData {
    var data = Flyteidl_Core_BindingData()
    data.promise.nodeID = node
    data.promise.var = output
    data.promise.attrPath = AttributePathTests.path(path)
    return data
  }

  static func binding(_ name: String, _ data: Flyteidl_Core_BindingData) -> Flyteidl_Core_Binding {
    var binding = Flyteidl_Core_Binding()
    binding.var = name
    binding.binding = data
    return binding
  }

  let resolver = BindingResolver { node throws(BindingError) in
    switch node {
    case "start-node": return literals(["x": .int(2)])
    case "n0": return literals(["o0": .list([.int(7), .int(8)]), "s": AttributePathTests.messagePack])
    default: throw BindingError(.outputNotFound, input: node, "node \(node) has no outputs yet")
    }
  }

  @Test func resolvesPromisesLiteralsCollectionsAndMaps() async throws {
    var scalar = Flyteidl_Core_BindingData()
    scalar.scalar = Flyteidl_Core_Literal.int(1).scalar
    var collection = Flyteidl_Core_BindingData()
    collection.collection.bindings = [Self.promise("", "x"), Self.promise("n0", "o0", path: [1])]
    var map = Flyteidl_Core_BindingData()
    map.map.bindings = ["name": Self.promise("n0", "s", path: ["name"])]
    let resolved = try await resolver.resolve([
      Self.binding("a", Self.promise("start-node", "x")), Self.binding("b", scalar),
      Self.binding("c", collection), Self.binding("d", map),
    ])
    #expect(resolved.literals["a"] == .int(2))
    #expect(resolved.literals["b"] == .int(1))
    #expect(resolved.literals["c"] == .list([.int(2), .int(8)]))
    #expect(resolved.literals["d"] == .map(["name": .string("sq")]))
  }

  @Test func namesTheInputThatCannotBeResolved() async {
    do {
      _ = try await resolver.resolve([Self.binding("values", Self.promise("n0", "o9"))])
      Issue.record("resolved a missing output")
    } catch {
      #expect(error.code == .outputNotFound)
      #expect(error.input == "values")
      #expect(error.message == "node n0 has no output named 'o9' (it has: o0, s)")
    }
    do {
      _ = try await resolver.resolve([Self.binding("y", Flyteidl_Core_BindingData())])
      Issue.record("resolved an empty binding")
    } catch {
      #expect(error.code == .malformedBinding)
      #expect(error.description == "input 'y': the binding has no value")
    }
  }
}
