import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneData
import VaneModel

/// Follows a promise's attribute path (`outputs.o0.field[2]`) into a literal, as Flyte 1.16
/// does: list items by index, map entries by key, and fields of dataclasses stored either as a
/// `google.protobuf.Struct` or as MessagePack bytes. A path that ends inside a dataclass gives
/// a primitive literal for a primitive value and a literal of the same encoding otherwise.
enum AttributePath {
  static func follow(
    _ path: [Flyteidl_Core_PromiseAttribute], in literal: Flyteidl_Core_Literal, input: String
  ) throws(BindingError) -> Flyteidl_Core_Literal {
    var current = literal
    for (index, attribute) in path.enumerated() {
      switch (current.value, attribute.value) {
      case (.collection(let items)?, .intValue(let position)?):
        guard position >= 0, Int(position) < items.literals.count else {
          throw BindingError(
            .attributeNotFound, input: input, "index \(position) is out of range for a list of \(items.literals.count)")
        }
        current = items.literals[Int(position)]
      case (.map(let entries)?, .stringValue(let key)?):
        guard let next = entries.literals[key] else {
          throw BindingError(.attributeNotFound, input: input, "the map has no key '\(key)'")
        }
        current = next
      case (.scalar(let scalar)?, _) where { if case .generic? = scalar.value { true } else { false } }():
        return try followStruct(scalar.generic, path: Array(path[index...]), input: input)
      case (.scalar(let scalar)?, _) where scalar.binary.tag == LiteralTypeInference.messagePackTag:
        return try followMessagePack(scalar.binary.value, path: Array(path[index...]), input: input)
      default:
        throw BindingError(
          .attributeNotFound, input: input, "cannot follow attribute \(describe(attribute)) into this value")
      }
    }
    return current
  }

  private static func describe(_ attribute: Flyteidl_Core_PromiseAttribute) -> String {
    switch attribute.value {
    case .stringValue(let key)?: "'\(key)'"
    case .intValue(let index)?: "[\(index)]"
    case nil: "<empty>"
    }
  }

  private static func followMessagePack(
    _ bytes: Data, path: [Flyteidl_Core_PromiseAttribute], input: String
  ) throws(BindingError) -> Flyteidl_Core_Literal {
    var value: JSONValue
    do {
      value = try MessagePack.decode(bytes)
    } catch {
      throw BindingError(.malformedBinding, input: input, "the dataclass bytes are not valid MessagePack: \(error)")
    }
    for attribute in path {
      value = try step(value, attribute, input: input)
    }
    switch value {
    case .object, .array:
      var scalar = Flyteidl_Core_Scalar()
      scalar.binary.value = MessagePack.encode(value)
      scalar.binary.tag = LiteralTypeInference.messagePackTag
      return .init(scalar: scalar)
    default:
      return try primitive(value, input: input)
    }
  }

  private static func followStruct(
    _ object: Google_Protobuf_Struct, path: [Flyteidl_Core_PromiseAttribute], input: String
  ) throws(BindingError) -> Flyteidl_Core_Literal {
    var value = JSONValue.object(object.fields.keys.sorted().map { JSONMember($0, json(object.fields[$0]!)) })
    for attribute in path {
      value = try step(value, attribute, input: input)
    }
    switch value {
    case .object(let members):
      var result = Google_Protobuf_Struct()
      for member in members { result.fields[member.key] = protobufValue(member.value) }
      var scalar = Flyteidl_Core_Scalar()
      scalar.generic = result
      return .init(scalar: scalar)
    case .array(let items):
      var collection = Flyteidl_Core_LiteralCollection()
      for item in items { collection.literals.append(try primitiveOrStruct(item, input: input)) }
      var literal = Flyteidl_Core_Literal()
      literal.collection = collection
      return literal
    default:
      return try primitive(value, input: input)
    }
  }

  private static func primitiveOrStruct(_ value: JSONValue, input: String) throws(BindingError) -> Flyteidl_Core_Literal
  {
    if case .object(let members) = value {
      var result = Google_Protobuf_Struct()
      for member in members { result.fields[member.key] = protobufValue(member.value) }
      var scalar = Flyteidl_Core_Scalar()
      scalar.generic = result
      return .init(scalar: scalar)
    }
    return try primitive(value, input: input)
  }

  private static func step(
    _ value: JSONValue, _ attribute: Flyteidl_Core_PromiseAttribute, input: String
  ) throws(BindingError) -> JSONValue {
    switch (value, attribute.value) {
    case (.object(let members), .stringValue(let key)?):
      guard let member = members.first(where: { $0.key == key }) else {
        throw BindingError(
          .attributeNotFound, input: input,
          "the dataclass has no field '\(key)' (it has: \(members.map(\.key).joined(separator: ", ")))")
      }
      return member.value
    case (.array(let items), .intValue(let index)?):
      guard index >= 0, Int(index) < items.count else {
        throw BindingError(
          .attributeNotFound, input: input, "index \(index) is out of range for a list of \(items.count)")
      }
      return items[Int(index)]
    default:
      throw BindingError(
        .attributeNotFound, input: input, "cannot follow attribute \(describe(attribute)) into a \(value.kind)")
    }
  }

  private static func primitive(_ value: JSONValue, input: String) throws(BindingError) -> Flyteidl_Core_Literal {
    var primitive = Flyteidl_Core_Primitive()
    switch value {
    case .integer(let number): primitive.integer = number
    case .double(let number): primitive.floatValue = number
    case .string(let text): primitive.stringValue = text
    case .bool(let flag): primitive.boolean = flag
    case .null:
      var scalar = Flyteidl_Core_Scalar()
      scalar.noneType = Flyteidl_Core_Void()
      return .init(scalar: scalar)
    case .object, .array:
      throw BindingError(.attributeNotFound, input: input, "expected a primitive value, found a \(value.kind)")
    }
    var scalar = Flyteidl_Core_Scalar()
    scalar.primitive = primitive
    return .init(scalar: scalar)
  }

  private static func json(_ value: Google_Protobuf_Value) -> JSONValue {
    switch value.kind {
    case .nullValue?, nil: .null
    case .numberValue(let number)?: .double(number)
    case .stringValue(let text)?: .string(text)
    case .boolValue(let flag)?: .bool(flag)
    case .structValue(let object)?:
      .object(object.fields.keys.sorted().map { JSONMember($0, json(object.fields[$0]!)) })
    case .listValue(let list)?: .array(list.values.map(json))
    }
  }

  private static func protobufValue(_ value: JSONValue) -> Google_Protobuf_Value {
    switch value {
    case .null: return Google_Protobuf_Value(nilLiteral: ())
    case .bool(let flag): return Google_Protobuf_Value(booleanLiteral: flag)
    case .integer(let number): return Google_Protobuf_Value(floatLiteral: Double(number))
    case .double(let number): return Google_Protobuf_Value(floatLiteral: number)
    case .string(let text): return Google_Protobuf_Value(stringLiteral: text)
    case .array(let items):
      return Google_Protobuf_Value(listValue: Google_Protobuf_ListValue(values: items.map(protobufValue)))
    case .object(let members):
      var object = Google_Protobuf_Struct()
      for member in members { object.fields[member.key] = protobufValue(member.value) }
      return Google_Protobuf_Value(structValue: object)
    }
  }
}

extension Flyteidl_Core_Literal {
  /// A literal holding `scalar`.
  init(scalar: Flyteidl_Core_Scalar) {
    self.init()
    self.scalar = scalar
  }
}
