public import FlyteIDL

/// Small builders and readers for literals, so tests read like the Python they mirror.
extension Flyteidl_Core_Literal {
  public static func int(_ value: Int64) -> Flyteidl_Core_Literal {
    primitive { $0.integer = value }
  }

  public static func float(_ value: Double) -> Flyteidl_Core_Literal {
    primitive { $0.floatValue = value }
  }

  public static func string(_ value: String) -> Flyteidl_Core_Literal {
    primitive { $0.stringValue = value }
  }

  public static func bool(_ value: Bool) -> Flyteidl_Core_Literal {
    primitive { $0.boolean = value }
  }

  public static func list(_ items: [Flyteidl_Core_Literal]) -> Flyteidl_Core_Literal {
    var literal = Flyteidl_Core_Literal()
    literal.collection.literals = items
    return literal
  }

  public static func map(_ entries: [String: Flyteidl_Core_Literal]) -> Flyteidl_Core_Literal {
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

  public var intValue: Int64? {
    guard case .integer(let value)? = scalar.primitive.value, case .scalar? = self.value else { return nil }
    return value
  }

  public var floatValue: Double? {
    guard case .floatValue(let value)? = scalar.primitive.value, case .scalar? = self.value else { return nil }
    return value
  }

  public var stringValue: String? {
    guard case .stringValue(let value)? = scalar.primitive.value, case .scalar? = self.value else { return nil }
    return value
  }

  public var boolValue: Bool? {
    guard case .boolean(let value)? = scalar.primitive.value, case .scalar? = self.value else { return nil }
    return value
  }

  public var listValue: [Flyteidl_Core_Literal]? {
    guard case .collection(let items)? = value else { return nil }
    return items.literals
  }
}

/// A literal map from name–literal pairs.
public func literals(_ entries: [String: Flyteidl_Core_Literal]) -> Flyteidl_Core_LiteralMap {
  var map = Flyteidl_Core_LiteralMap()
  map.literals = entries
  return map
}

/// A value could not be read from a literal map as the test expected.
public struct BadLiteral: Error, CustomStringConvertible {
  public var description: String
}

extension Flyteidl_Core_LiteralMap {
  /// The integer `name`, or an error naming it.
  public func int(_ name: String) throws -> Int64 {
    guard let value = literals[name]?.intValue else { throw BadLiteral(description: "no int '\(name)'") }
    return value
  }

  public func string(_ name: String) throws -> String {
    guard let value = literals[name]?.stringValue else { throw BadLiteral(description: "no str '\(name)'") }
    return value
  }

  public func bool(_ name: String) throws -> Bool {
    guard let value = literals[name]?.boolValue else { throw BadLiteral(description: "no bool '\(name)'") }
    return value
  }

  public func ints(_ name: String) throws -> [Int64] {
    guard let items = literals[name]?.listValue else { throw BadLiteral(description: "no list '\(name)'") }
    return try items.map { item in
      guard let value = item.intValue else { throw BadLiteral(description: "'\(name)' holds a non-int") }
      return value
    }
  }
}
