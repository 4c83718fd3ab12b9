import FlyteIDL
import SwiftProtobuf

// Literal types as flytekit 1.16 writes them, for building interfaces in tests.

typealias LiteralType = Flyteidl_Core_LiteralType

enum T {
  static func simple(_ type: Flyteidl_Core_SimpleType) -> LiteralType {
    var literalType = LiteralType()
    literalType.simple = type
    return literalType
  }
  static let int = simple(.integer)
  static let float = simple(.float)
  static let str = simple(.string)
  static let bool = simple(.boolean)
  static let none = simple(.none)
  static let `struct` = simple(.struct)

  static func list(_ element: LiteralType) -> LiteralType {
    var type = LiteralType()
    type.collectionType = element
    return type
  }
  static func dict(_ value: LiteralType) -> LiteralType {
    var type = LiteralType()
    type.mapValueType = value
    return type
  }
  static func union(_ variants: LiteralType...) -> LiteralType {
    var union = Flyteidl_Core_UnionType()
    union.variants = variants
    var type = LiteralType()
    type.unionType = union
    return type
  }
  static func optional(_ type: LiteralType) -> LiteralType { union(type, none) }
  static func blob(_ format: String, multipart: Bool = false) -> LiteralType {
    var blob = Flyteidl_Core_BlobType()
    blob.format = format
    blob.dimensionality = multipart ? .multipart : .single
    var type = LiteralType()
    type.blob = blob
    return type
  }
  static func enumeration(_ values: String...) -> LiteralType {
    var enumType = Flyteidl_Core_EnumType()
    enumType.values = values
    var type = LiteralType()
    type.enumType = enumType
    return type
  }
  static func dataset(_ format: String, columns: [(String, LiteralType)] = []) -> LiteralType {
    var dataset = Flyteidl_Core_StructuredDatasetType()
    dataset.format = format
    dataset.columns = columns.map { name, type in
      var column = Flyteidl_Core_StructuredDatasetType.DatasetColumn()
      column.name = name
      column.literalType = type
      return column
    }
    var type = LiteralType()
    type.structuredDatasetType = dataset
    return type
  }
  static func schema(_ columns: [(String, Flyteidl_Core_SchemaType.SchemaColumn.SchemaColumnType)] = []) -> LiteralType
  {
    var schema = Flyteidl_Core_SchemaType()
    schema.columns = columns.map { name, type in
      var column = Flyteidl_Core_SchemaType.SchemaColumn()
      column.name = name
      column.type = type
      return column
    }
    var type = LiteralType()
    type.schema = schema
    return type
  }
  /// A dataclass as flytekit 1.16 describes it: STRUCT + JSON schema + field types.
  static func dataclass(
    _ title: String, _ fields: [(String, LiteralType, String)], required: [String]? = nil, tag: String = ""
  ) -> LiteralType {
    var type = simple(.struct)
    var properties = Google_Protobuf_Struct()
    for (name, _, jsonType) in fields {
      properties.fields[name] = Google_Protobuf_Value(
        structValue: Google_Protobuf_Struct(fields: ["type": Google_Protobuf_Value(stringValue: jsonType)]))
    }
    let requiredNames = required ?? fields.map(\.0)
    type.metadata = Google_Protobuf_Struct(fields: [
      "title": Google_Protobuf_Value(stringValue: title),
      "type": Google_Protobuf_Value(stringValue: "object"),
      "additionalProperties": Google_Protobuf_Value(boolValue: false),
      "properties": Google_Protobuf_Value(structValue: properties),
      "required": Google_Protobuf_Value(
        listValue: Google_Protobuf_ListValue(values: requiredNames.map { Google_Protobuf_Value(stringValue: $0) })),
    ])
    var structure = Flyteidl_Core_TypeStructure()
    structure.tag = tag
    for (name, fieldType, _) in fields { structure.dataclassType[name] = fieldType }
    type.structure = structure
    return type
  }
}
