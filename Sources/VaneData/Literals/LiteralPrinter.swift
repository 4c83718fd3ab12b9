public import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneModel

/// Literals as JSON-ish text for people (`vane run` printing outputs): numbers, strings and
/// booleans as JSON; datetimes as ISO 8601 strings; durations as `1m30s`; none as `null`;
/// files, directories and datasets as their URI; unions as their value; message-pack binaries
/// and structs decoded to JSON; other binaries as base64; collections and maps as arrays and
/// objects (keys sorted).
public enum LiteralPrinter {
  /// The literal as a JSON value.
  public static func json(_ literal: Flyteidl_Core_Literal) -> JSONValue {
    switch literal.value {
    case .scalar(let scalar)?: return json(scalar)
    case .collection(let collection)?: return .array(collection.literals.map(json))
    case .map(let map)?: return json(map)
    case .offloadedMetadata(let offloaded)?:
      return .object([JSONMember("offloaded", .string(offloaded.uri))])
    case nil: return .null
    }
  }

  /// A literal map as a JSON object with sorted keys.
  public static func json(_ map: Flyteidl_Core_LiteralMap) -> JSONValue {
    .object(map.literals.keys.sorted().compactMap { key in map.literals[key].map { JSONMember(key, json($0)) } })
  }

  /// The literal as text; `pretty` spreads arrays and objects over indented lines.
  public static func text(_ literal: Flyteidl_Core_Literal, pretty: Bool = false) -> String {
    json(literal).rendered(pretty: pretty)
  }

  /// The literal map as text, one object with sorted keys.
  public static func text(_ map: Flyteidl_Core_LiteralMap, pretty: Bool = true) -> String {
    json(map).rendered(pretty: pretty)
  }

  static func json(_ scalar: Flyteidl_Core_Scalar) -> JSONValue {
    switch scalar.value {
    case .primitive(let primitive)?: return json(primitive)
    case .blob(let blob)?: return .string(blob.uri)
    case .binary(let binary)?:
      if binary.tag == LiteralTypeInference.messagePackTag, let value = try? MessagePack.decode(binary.value) {
        return value
      }
      return .string(binary.value.base64EncodedString())
    case .schema(let schema)?: return .string(schema.uri)
    case .structuredDataset(let dataset)?: return .string(dataset.uri)
    case .noneType?: return .null
    case .error(let error)?:
      return .object([
        JSONMember("error", .string(error.message)), JSONMember("failedNodeId", .string(error.failedNodeID)),
      ])
    case .generic(let object)?: return json(object)
    case .union(let union)?: return json(union.value)
    case nil: return .null
    }
  }

  static func json(_ primitive: Flyteidl_Core_Primitive) -> JSONValue {
    switch primitive.value {
    case .integer(let value)?: .integer(value)
    case .floatValue(let value)?: .double(value)
    case .stringValue(let value)?: .string(value)
    case .boolean(let value)?: .bool(value)
    case .datetime(let value)?: .string(DateTimeText.format(value))
    case .duration(let value)?: .string(DurationText.format(value))
    case nil: .null
    }
  }

  static func json(_ object: Google_Protobuf_Struct) -> JSONValue {
    .object(object.fields.keys.sorted().compactMap { key in object.fields[key].map { JSONMember(key, json($0)) } })
  }

  static func json(_ value: Google_Protobuf_Value) -> JSONValue {
    switch value.kind {
    case .nullValue?, nil: return .null
    case .numberValue(let number)?:
      if number.rounded() == number, abs(number) < 9.0e15 { return .integer(Int64(number)) }
      return .double(number)
    case .stringValue(let text)?: return .string(text)
    case .boolValue(let flag)?: return .bool(flag)
    case .structValue(let object)?: return json(object)
    case .listValue(let list)?: return .array(list.values.map(json))
    }
  }
}
