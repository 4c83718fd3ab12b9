import FlyteIDL
import VaneModel

extension LiteralParser {
  /// Which input is being parsed and where inside it, for error messages.
  struct Site {
    var input: String
    var path: String

    func element(_ index: Int) -> Site { Site(input: input, path: path + "[\(index)]") }
    func member(_ key: String) -> Site { Site(input: input, path: path + "." + key) }

    func invalid(_ type: Flyteidl_Core_LiteralType, _ given: String, _ reason: String) -> LiteralInputError {
      LiteralInputError(.invalidValue, input: input, path: path, expected: type.readable, given: given, reason: reason)
    }

    func missingPath(_ type: Flyteidl_Core_LiteralType, _ given: String, _ reason: String) -> LiteralInputError {
      LiteralInputError(.pathNotFound, input: input, path: path, expected: type.readable, given: given, reason: reason)
    }

    func unsupported(_ type: Flyteidl_Core_LiteralType, _ reason: String) -> LiteralInputError {
      LiteralInputError(.unsupportedType, input: input, path: path, expected: type.readable, given: "", reason: reason)
    }
  }
}

/// Numbers as Python's `int()` and `float()` read them.
enum PythonNumber {
  /// `42`, `-7`, `+3`, `1_000`; nil otherwise or when it does not fit in 64 bits.
  static func integer(_ text: String) -> Int64? {
    var body = Substring(text)
    var sign = ""
    if let first = body.first, first == "-" || first == "+" {
      sign = first == "-" ? "-" : ""
      body = body.dropFirst()
    }
    guard let first = body.first, let last = body.last, first != "_", last != "_", !body.contains("__"),
      body.allSatisfy({ $0.asciiDigit != nil || $0 == "_" })
    else { return nil }
    return Int64(sign + body.filter { $0 != "_" })
  }

  /// `1.5`, `2`, `1e-3`, `.5`, `inf`, `-infinity`, `nan`; nil otherwise.
  static func float(_ text: String) -> Double? {
    let lower = text.lowercased()
    let unsigned = lower.hasPrefix("-") || lower.hasPrefix("+") ? String(lower.dropFirst()) : lower
    if unsigned == "inf" || unsigned == "infinity" { return lower.hasPrefix("-") ? -.infinity : .infinity }
    if unsigned == "nan" { return .nan }
    guard !unsigned.isEmpty, !unsigned.contains("__"), unsigned.first != "_", unsigned.last != "_",
      unsigned.allSatisfy({ $0.asciiDigit != nil || $0 == "." || $0 == "e" || $0 == "_" || $0 == "-" || $0 == "+" })
    else { return nil }
    return Double(lower.filter { $0 != "_" })
  }
}

extension Flyteidl_Core_Literal {
  static func scalar(_ value: Flyteidl_Core_Scalar.OneOf_Value) -> Flyteidl_Core_Literal {
    var scalar = Flyteidl_Core_Scalar()
    scalar.value = value
    var literal = Flyteidl_Core_Literal()
    literal.value = .scalar(scalar)
    return literal
  }
}

extension Flyteidl_Core_Scalar.OneOf_Value {
  /// A primitive scalar, or the none scalar for nil.
  static func primitiveOrNone(_ value: Flyteidl_Core_Primitive.OneOf_Value?) -> Flyteidl_Core_Scalar.OneOf_Value {
    guard let value else { return .noneType(Flyteidl_Core_Void()) }
    var primitive = Flyteidl_Core_Primitive()
    primitive.value = value
    return .primitive(primitive)
  }
}
