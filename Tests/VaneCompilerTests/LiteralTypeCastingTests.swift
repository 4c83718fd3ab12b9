import FlyteIDL
import SwiftProtobuf
import Testing
import VaneModel

/// One row of a compatibility table: can `upstream` be bound where `downstream` is expected?
struct CastCase: CustomTestStringConvertible, Sendable {
  let upstream: LiteralType
  let downstream: LiteralType
  let castable: Bool
  var testDescription: String { "\(upstream.readable) -> \(downstream.readable): \(castable)" }
  init(_ upstream: LiteralType, _ downstream: LiteralType, _ castable: Bool) {
    self.upstream = upstream
    self.downstream = downstream
    self.castable = castable
  }
}

@Suite struct LiteralTypeCastingTests {
  @Test(arguments: [
    CastCase(T.int, T.int, true),
    CastCase(T.int, T.float, false),
    CastCase(T.float, T.int, false),
    CastCase(T.str, T.int, false),
    CastCase(T.bool, T.bool, true),
    CastCase(T.none, T.none, true),
    CastCase(T.int, T.none, false),
    CastCase(T.none, T.int, false),
  ])
  func simpleTypes(_ row: CastCase) {
    #expect(LiteralTypeCasting.isCastable(row.upstream, to: row.downstream) == row.castable)
  }

  @Test(arguments: [
    CastCase(T.int, T.optional(T.int), true),
    CastCase(T.none, T.optional(T.int), true),
    CastCase(T.str, T.optional(T.int), false),
    CastCase(T.int, T.union(T.int, T.str), true),
    CastCase(T.str, T.union(T.int, T.str), true),
    CastCase(T.float, T.union(T.int, T.str), false),
    CastCase(T.union(T.int, T.str), T.union(T.str, T.int, T.none), true),
    CastCase(T.union(T.int, T.str), T.union(T.int), false),
    CastCase(T.optional(T.int), T.int, false),
    CastCase(T.union(T.int), T.int, true),  // single-variant union is unwrapped
    CastCase(T.enumeration("a", "b"), T.union(T.str, T.int), true),
    // An upstream fitting two variants is ambiguous.
    CastCase(T.blob(""), T.union(T.blob("csv"), T.blob("parquet")), false),
  ])
  func unionsAndOptionals(_ row: CastCase) {
    #expect(LiteralTypeCasting.isCastable(row.upstream, to: row.downstream) == row.castable)
  }

  @Test(arguments: [
    CastCase(T.list(T.int), T.list(T.int), true),
    CastCase(T.list(T.int), T.list(T.str), false),
    CastCase(T.list(T.none), T.list(T.str), true),
    CastCase(T.list(T.list(T.int)), T.list(T.list(T.int)), true),
    CastCase(T.list(T.list(T.int)), T.list(T.list(T.float)), false),
    CastCase(T.list(T.int), T.list(T.optional(T.int)), true),
    CastCase(T.int, T.list(T.int), false),
    CastCase(T.dict(T.int), T.dict(T.int), true),
    CastCase(T.dict(T.int), T.dict(T.str), false),
    CastCase(T.dict(T.none), T.dict(T.str), true),
    CastCase(T.dict(T.list(T.int)), T.dict(T.list(T.int)), true),
    CastCase(T.list(T.int), T.dict(T.int), false),
    CastCase(T.dict(T.int), T.list(T.int), false),
  ])
  func collectionsAndMaps(_ row: CastCase) {
    #expect(LiteralTypeCasting.isCastable(row.upstream, to: row.downstream) == row.castable)
  }

  @Test(arguments: [
    CastCase(T.blob("csv"), T.blob("csv"), true),
    CastCase(T.blob("csv"), T.blob("parquet"), false),
    CastCase(T.blob(""), T.blob("csv"), true),
    CastCase(T.blob("csv"), T.blob(""), true),
    // Flyte compares formats only, not dimensionality.
    CastCase(T.blob("", multipart: true), T.blob(""), true),
    CastCase(T.str, T.blob(""), false),
    CastCase(T.blob(""), T.str, false),
  ])
  func blobs(_ row: CastCase) {
    #expect(LiteralTypeCasting.isCastable(row.upstream, to: row.downstream) == row.castable)
  }

  @Test(arguments: [
    CastCase(T.enumeration("a", "b"), T.enumeration("a", "b"), true),
    CastCase(T.enumeration("a", "b"), T.enumeration("a", "c"), false),
    CastCase(T.enumeration("a"), T.enumeration("a", "b"), false),
    CastCase(T.enumeration("a", "b"), T.str, true),
    CastCase(T.str, T.enumeration("a", "b"), true),
    CastCase(T.int, T.enumeration("a"), false),
  ])
  func enums(_ row: CastCase) {
    #expect(LiteralTypeCasting.isCastable(row.upstream, to: row.downstream) == row.castable)
  }

  static let point = T.dataclass("Point", [("x", T.int, "integer"), ("y", T.float, "number")])
  static let point3 = T.dataclass(
    "Point3", [("x", T.int, "integer"), ("y", T.float, "number"), ("z", T.int, "integer")])
  static let pointXOnly = T.dataclass("PointX", [("x", T.int, "integer")])
  static let pointStringX = T.dataclass("Point", [("x", T.str, "string"), ("y", T.float, "number")])
  static let tagged = T.dataclass("Point", [("x", T.int, "integer"), ("y", T.float, "number")], tag: "pydantic")

  @Test(arguments: [
    CastCase(point, point, true),
    CastCase(T.struct, point, true),  // no schema on one side: accepted
    CastCase(point, T.struct, true),
    CastCase(pointStringX, point, false),  // field type differs
    CastCase(pointXOnly, point, false),  // downstream requires y
    CastCase(point3, point, false),  // upstream has z, downstream forbids extras
    CastCase(tagged, point, false),  // tags must match
    CastCase(tagged, tagged, true),
    CastCase(point, T.str, false),
  ])
  func dataclasses(_ row: CastCase) {
    #expect(LiteralTypeCasting.isCastable(row.upstream, to: row.downstream) == row.castable)
  }

  @Test(arguments: [
    CastCase(T.dataset("parquet"), T.dataset("parquet"), true),
    CastCase(T.dataset("parquet"), T.dataset("csv"), false),
    CastCase(T.dataset(""), T.dataset("csv"), true),
    CastCase(T.dataset("PARQUET"), T.dataset("parquet"), true),
    CastCase(T.dataset("", columns: [("a", T.int), ("b", T.str)]), T.dataset("", columns: [("a", T.int)]), true),
    CastCase(T.dataset("", columns: [("a", T.int)]), T.dataset("", columns: [("b", T.int)]), false),
    CastCase(T.dataset("", columns: [("a", T.str)]), T.dataset("", columns: [("a", T.int)]), false),
    CastCase(T.none, T.dataset("parquet"), true),
    CastCase(T.schema([("a", .integer)]), T.dataset("", columns: [("a", T.int)]), true),
    CastCase(T.schema([("a", .integer)]), T.dataset("csv", columns: [("a", T.int)]), false),
    CastCase(T.dataset("parquet", columns: [("a", T.int)]), T.schema([("a", .integer)]), true),
    CastCase(T.dataset("csv"), T.schema(), false),
    CastCase(T.schema([("a", .integer)]), T.schema([("a", .float)]), false),
    CastCase(T.schema(), T.schema([("a", .float)]), true),
  ])
  func datasetsAndSchemas(_ row: CastCase) {
    #expect(LiteralTypeCasting.isCastable(row.upstream, to: row.downstream) == row.castable)
  }

  @Test func schemaRefsAreResolved() {
    let inner = Google_Protobuf_Value(
      structValue: Google_Protobuf_Struct(fields: [
        "type": Google_Protobuf_Value(stringValue: "object"),
        "properties": Google_Protobuf_Value(
          structValue: Google_Protobuf_Struct(fields: [
            "v": Google_Protobuf_Value(
              structValue: Google_Protobuf_Struct(fields: ["type": Google_Protobuf_Value(stringValue: "integer")]))
          ])),
      ]))
    func outer(innerType: String) -> Google_Protobuf_Struct {
      var definitions = inner
      definitions.structValue.fields["properties"]!.structValue.fields["v"]!.structValue.fields["type"] =
        Google_Protobuf_Value(stringValue: innerType)
      return Google_Protobuf_Struct(fields: [
        "type": Google_Protobuf_Value(stringValue: "object"),
        "$defs": Google_Protobuf_Value(structValue: Google_Protobuf_Struct(fields: ["Inner": definitions])),
        "properties": Google_Protobuf_Value(
          structValue: Google_Protobuf_Struct(fields: [
            "i": Google_Protobuf_Value(
              structValue: Google_Protobuf_Struct(fields: ["$ref": Google_Protobuf_Value(stringValue: "#/$defs/Inner")])
            )
          ])),
      ])
    }
    #expect(JSONSchemaCompatibility.isSubschema(outer(innerType: "integer"), of: outer(innerType: "integer")))
    #expect(!JSONSchemaCompatibility.isSubschema(outer(innerType: "string"), of: outer(innerType: "integer")))
  }
}

@Suite struct LiteralTypeInferenceTests {
  @Test func scalarsHaveTheirTypes() {
    #expect(LiteralTypeInference.type(of: scalar(.primitive(primitive(.integer(1))))) == T.int)
    #expect(LiteralTypeInference.type(of: scalar(.primitive(primitive(.stringValue("a"))))) == T.str)
    #expect(LiteralTypeInference.type(of: scalar(.noneType(.init()))) == T.none)
    #expect(LiteralTypeInference.type(of: scalar(.generic(.init()))) == T.struct)
    var binary = Flyteidl_Core_Binary()
    binary.tag = "msgpack"
    #expect(LiteralTypeInference.type(of: scalar(.binary(binary))) == T.struct)
    binary.tag = "other"
    #expect(LiteralTypeInference.type(of: scalar(.binary(binary))) == T.simple(.binary))
    #expect(LiteralTypeInference.type(of: Flyteidl_Core_Scalar()) == nil)
  }

  @Test func mixedCollectionsBecomeUnions() {
    func lit(_ value: Flyteidl_Core_Primitive.OneOf_Value) -> Flyteidl_Core_Literal {
      var literal = Flyteidl_Core_Literal()
      literal.scalar = scalar(.primitive(primitive(value)))
      return literal
    }
    var collection = Flyteidl_Core_Literal()
    collection.collection.literals = [lit(.integer(1)), lit(.integer(2))]
    #expect(LiteralTypeInference.type(of: collection) == T.list(T.int))
    collection.collection.literals.append(lit(.stringValue("x")))
    let mixed = LiteralTypeInference.type(of: collection)
    #expect(mixed?.collectionType.unionType.variants.count == 2)
    var empty = Flyteidl_Core_Literal()
    empty.collection = .init()
    #expect(LiteralTypeInference.type(of: empty) == T.list(T.none))
  }
}
