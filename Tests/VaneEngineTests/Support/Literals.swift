import FlyteIDL
import SwiftProtobuf

/// Small builders and readers for literals, so tests read like the Python they mirror.
extension Flyteidl_Core_Literal {
  static func int(_ value: Int64) -> Flyteidl_Core_Literal {
    primitive { $0.integer = value }
  }

  static func float(_ value: Double) -> Flyteidl_Core_Literal {
    primitive { $0.floatValue = value }
  }

  static func string(_ value: String) -> Flyteidl_Core_Literal {
    primitive { $0.stringValue = value }
  }

  static func bool(_ value: Bool) -> Flyteidl_Core_Literal {
    primitive { $0.boolean = value }
  }

  static func list(_ items: [Flyteidl_Core_Literal]) -> Flyteidl_Core_Literal {
    var literal = Flyteidl_Core_Literal()
    literal.collection.literals = items
    return literal
  }

  static func map(_ entries: [String: Flyteidl_Core_Literal]) -> Flyteidl_Core_Literal {
    var literal = Flyteidl_Core_Literal()
    literal.map.literals = entries
    return literal
  }

  private static func primitive(_ fill: (inout Flyteidl_Core_Primitive) -> Void) -> Flyteidl_Core_Literal {
    var primitive = Flyteidl_Core_Primitive()
    fill(&primitive)
    var literal = Flyteidl_Core_Literal()
    literal.scalar.primitive = primitive
    return literal
  }

  var intValue: Int64? {
    guard case .integer(let value)? = scalar.primitive.value, case .scalar? = self.value else { return nil }
    return value
  }

  var floatValue: Double? {
    guard case .floatValue(let value)? = scalar.primitive.value, case .scalar? = self.value else { return nil }
    return value
  }

  var stringValue: String? {
    guard case .stringValue(let value)? = scalar.primitive.value, case .scalar? = self.value else { return nil }
    return value
  }

  var boolValue: Bool? {
    guard case .boolean(let value)? = scalar.primitive.value, case .scalar? = self.value else { return nil }
    return value
  }

  var listValue: [Flyteidl_Core_Literal]? {
    guard case .collection(let items)? = value else { return nil }
    return items.literals
  }
}

/// A literal map from name–literal pairs.
func literals(_ entries: [String: Flyteidl_Core_Literal]) -> Flyteidl_Core_LiteralMap {
  var map = Flyteidl_Core_LiteralMap()
  map.literals = entries
  return map
}

/// A task's inputs could not be read as the test expected.
struct BadInputs: Error, CustomStringConvertible {
  var description: String
}

extension Flyteidl_Core_LiteralMap {
  /// The integer input `name`, or an error naming it.
  func int(_ name: String) throws -> Int64 {
    guard let value = literals[name]?.intValue else { throw BadInputs(description: "no int input '\(name)'") }
    return value
  }

  func string(_ name: String) throws -> String {
    guard let value = literals[name]?.stringValue else { throw BadInputs(description: "no str input '\(name)'") }
    return value
  }

  func bool(_ name: String) throws -> Bool {
    guard let value = literals[name]?.boolValue else { throw BadInputs(description: "no bool input '\(name)'") }
    return value
  }

  func ints(_ name: String) throws -> [Int64] {
    guard let items = literals[name]?.listValue else { throw BadInputs(description: "no list input '\(name)'") }
    return try items.map { item in
      guard let value = item.intValue else { throw BadInputs(description: "'\(name)' holds a non-int") }
      return value
    }
  }
}
