/// A JSON value that keeps what the literal helpers need and `JSONSerialization` loses: integers
/// apart from floats, and the order of object members (so message-pack bytes match what Python
/// writes for the same text).
public enum JSONValue: Hashable, Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number written without fraction or exponent.
  case integer(Int64)
  /// A number written with a fraction or exponent (or `NaN`, `Infinity`, as Python accepts).
  case double(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object; members in the order written, keys unique.
  case object([JSONMember])

  /// The kind of value, for messages: `null`, `boolean`, `integer`, `number`, `string`,
  /// `array`, `object`.
  public var kind: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .integer: "integer"
    case .double: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }
}

/// One member of a JSON object.
public struct JSONMember: Hashable, Sendable {
  /// The member's key.
  public var key: String
  /// The member's value.
  public var value: JSONValue

  /// Creates a member.
  public init(_ key: String, _ value: JSONValue) {
    self.key = key
    self.value = value
  }
}
