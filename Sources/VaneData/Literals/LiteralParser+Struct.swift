import FlyteIDL
import SwiftProtobuf
import VaneModel

extension LiteralParser {
  /// A dataclass or untyped dict value: message-pack `Binary` when the type's annotation says
  /// `cache-key-metadata.serialization-format = msgpack` (what flytekit ≥ 1.14 declares and
  /// expects), else a `google.protobuf.Struct` (older flytekit, `FLYTE_USE_OLD_DC_FORMAT`).
  func structLiteral(
    _ json: JSONValue, _ type: Flyteidl_Core_LiteralType, _ site: Site
  ) throws(LiteralInputError) -> Flyteidl_Core_Literal {
    guard case .object = json else {
      throw site.invalid(type, json.rendered(), "write a JSON object such as {\"a\": 1}")
    }
    if Self.usesMessagePack(type) {
      var binary = Flyteidl_Core_Binary()
      binary.value = MessagePack.encode(try conform(json, to: type, site))
      binary.tag = LiteralTypeInference.messagePackTag
      return .scalar(.binary(binary))
    }
    guard case .structValue(let value)? = Self.protobufValue(json).kind else {
      throw site.invalid(type, json.rendered(), "write a JSON object")
    }
    return .scalar(.generic(value))
  }

  /// Whether a `STRUCT` type asks for message-pack encoded values.
  static func usesMessagePack(_ type: Flyteidl_Core_LiteralType) -> Bool {
    guard type.hasAnnotation,
      case .structValue(let metadata)? = type.annotation.annotations.fields["cache-key-metadata"]?.kind,
      case .stringValue(let format)? = metadata.fields["serialization-format"]?.kind
    else { return false }
    return format == LiteralTypeInference.messagePackTag
  }

  /// Checks a JSON value against a dataclass field type and converts what Python would
  /// (integers given for `float` fields become floats), so the bytes decode in the task.
  func conform(
    _ json: JSONValue, to type: Flyteidl_Core_LiteralType, _ site: Site
  ) throws(LiteralInputError) -> JSONValue {
    let mismatch = site.invalid(type, json.rendered(), "a JSON \(json.kind) is not a \(type.readable)")
    switch (type.type, json) {
    case (.simple(.float)?, .integer(let value)): return .double(Double(value))
    case (.simple(.float)?, .double), (.simple(.integer)?, .integer), (.simple(.string)?, .string),
      (.simple(.boolean)?, .bool), (.simple(.none)?, .null):
      return json
    case (.simple(.float)?, _), (.simple(.integer)?, _), (.simple(.string)?, _), (.simple(.boolean)?, _),
      (.simple(.none)?, _):
      throw mismatch
    case (.simple(.struct)?, .object(let members)):
      guard type.hasStructure, !type.structure.dataclassType.isEmpty else { return json }
      var conformed: [JSONMember] = []
      for member in members {
        guard let fieldType = type.structure.dataclassType[member.key] else {
          conformed.append(member)
          continue
        }
        conformed.append(JSONMember(member.key, try conform(member.value, to: fieldType, site.member(member.key))))
      }
      return .object(conformed)
    case (.simple(.struct)?, _):
      throw mismatch
    case (.collectionType(let element)?, .array(let elements)):
      var conformed: [JSONValue] = []
      for (index, value) in elements.enumerated() {
        conformed.append(try conform(value, to: element, site.element(index)))
      }
      return .array(conformed)
    case (.mapValueType(let valueType)?, .object(let members)):
      var conformed: [JSONMember] = []
      for member in members {
        conformed.append(JSONMember(member.key, try conform(member.value, to: valueType, site.member(member.key))))
      }
      return .object(conformed)
    case (.collectionType?, _), (.mapValueType?, _):
      throw mismatch
    case (.enumType(let enumType)?, .string(let text)):
      guard enumType.values.contains(text) else {
        throw site.invalid(type, json.rendered(), "must be one of: \(enumType.values.joined(separator: ", "))")
      }
      return json
    case (.unionType(let union)?, _):
      var reasons: [String] = []
      for variant in union.variants {
        do { return try conform(json, to: variant, site) } catch { reasons.append(error.reason) }
      }
      throw site.invalid(type, json.rendered(), "matches no variant; " + reasons.joined(separator: "; "))
    default:
      return json
    }
  }

  /// The `google.protobuf.Value` of a JSON value (numbers become doubles).
  static func protobufValue(_ json: JSONValue) -> Google_Protobuf_Value {
    var value = Google_Protobuf_Value()
    switch json {
    case .null: value.kind = .nullValue(.nullValue)
    case .bool(let flag): value.kind = .boolValue(flag)
    case .integer(let number): value.kind = .numberValue(Double(number))
    case .double(let number): value.kind = .numberValue(number)
    case .string(let text): value.kind = .stringValue(text)
    case .array(let elements):
      var list = Google_Protobuf_ListValue()
      list.values = elements.map(protobufValue)
      value.kind = .listValue(list)
    case .object(let members):
      var object = Google_Protobuf_Struct()
      for member in members { object.fields[member.key] = protobufValue(member.value) }
      value.kind = .structValue(object)
    }
    return value
  }
}
