import FlyteIDL
import SwiftProtobuf

/// Short constructors for literal types in tests.
enum T {
  static let int = simple(.integer)
  static let float = simple(.float)
  static let str = simple(.string)
  static let bool = simple(.boolean)
  static let datetime = simple(.datetime)
  static let duration = simple(.duration)
  static let none = simple(.none)
  static let genericStruct = simple(.struct)

  static func simple(_ simple: Flyteidl_Core_SimpleType) -> Flyteidl_Core_LiteralType {
    var type = Flyteidl_Core_LiteralType()
    type.type = .simple(simple)
    return type
  }

  static func list(_ element: Flyteidl_Core_LiteralType) -> Flyteidl_Core_LiteralType {
    var type = Flyteidl_Core_LiteralType()
    type.type = .collectionType(element)
    return type
  }

  static func dict(_ value: Flyteidl_Core_LiteralType) -> Flyteidl_Core_LiteralType {
    var type = Flyteidl_Core_LiteralType()
    type.type = .mapValueType(value)
    return type
  }

  static func tagged(_ type: Flyteidl_Core_LiteralType, _ tag: String) -> Flyteidl_Core_LiteralType {
    var copy = type
    copy.structure.tag = tag
    return copy
  }

  /// A union as flytekit declares it: every variant tagged with its transformer's name.
  static func union(_ variants: (Flyteidl_Core_LiteralType, String)...) -> Flyteidl_Core_LiteralType {
    var union = Flyteidl_Core_UnionType()
    union.variants = variants.map { tagged($0.0, $0.1) }
    var type = Flyteidl_Core_LiteralType()
    type.type = .unionType(union)
    return type
  }

  static func enumeration(_ values: String...) -> Flyteidl_Core_LiteralType {
    var enumType = Flyteidl_Core_EnumType()
    enumType.values = values
    var type = Flyteidl_Core_LiteralType()
    type.type = .enumType(enumType)
    return type
  }

  static func blob(format: String = "", multipart: Bool = false) -> Flyteidl_Core_LiteralType {
    var blob = Flyteidl_Core_BlobType()
    blob.format = format
    blob.dimensionality = multipart ? .multipart : .single
    var type = Flyteidl_Core_LiteralType()
    type.type = .blob(blob)
    return type
  }

  static func dataset(format: String) -> Flyteidl_Core_LiteralType {
    var dataset = Flyteidl_Core_StructuredDatasetType()
    dataset.format = format
    var type = Flyteidl_Core_LiteralType()
    type.type = .structuredDatasetType(dataset)
    return type
  }

  /// A `STRUCT` carrying flytekit's message-pack annotation, with optional dataclass fields.
  static func msgpackStruct(_ fields: [String: Flyteidl_Core_LiteralType] = [:]) -> Flyteidl_Core_LiteralType {
    var type = simple(.struct)
    var format = Google_Protobuf_Struct()
    format.fields["serialization-format"] = Google_Protobuf_Value(stringValue: "msgpack")
    type.annotation.annotations.fields["cache-key-metadata"] = Google_Protobuf_Value(structValue: format)
    if !fields.isEmpty { type.structure.dataclassType = fields }
    return type
  }
}
