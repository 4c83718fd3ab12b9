public import FlyteIDL
import VaneModel

extension LiteralParser {
  /// The literal for a JSON value (an element of a list or dict given as JSON) of type `type`.
  public func literal(
    from json: JSONValue, as type: Flyteidl_Core_LiteralType, input: String
  ) throws(LiteralInputError) -> Flyteidl_Core_Literal {
    try literal(from: json, as: type, at: Site(input: input, path: ""))
  }

  func literal(
    from json: JSONValue, as type: Flyteidl_Core_LiteralType, at site: Site
  ) throws(LiteralInputError) -> Flyteidl_Core_Literal {
    let given = json.rendered()
    switch type.type {
    case .collectionType(let element)?:
      guard case .array(let elements) = json else { throw site.invalid(type, given, "write a JSON array") }
      var collection = Flyteidl_Core_LiteralCollection()
      for (index, value) in elements.enumerated() {
        collection.literals.append(try literal(from: value, as: element, at: site.element(index)))
      }
      var literal = Flyteidl_Core_Literal()
      literal.value = .collection(collection)
      return literal
    case .mapValueType(let valueType)?:
      guard case .object(let members) = json else { throw site.invalid(type, given, "write a JSON object") }
      var map = Flyteidl_Core_LiteralMap()
      for member in members {
        map.literals[member.key] = try literal(from: member.value, as: valueType, at: site.member(member.key))
      }
      var literal = Flyteidl_Core_Literal()
      literal.value = .map(map)
      return literal
    case .simple(.struct)?:
      return try structLiteral(json, type, site)
    case .simple(let simple)?:
      return .scalar(.primitiveOrNone(try scalarValue(json, simple, type, site)))
    case .unionType(let union)?:
      return try unionLiteral(union, type, site, given: given) { (variant) throws(LiteralInputError) in
        try literal(from: json, as: variant, at: site)
      }
    case .enumType?, .blob?, .structuredDatasetType?, .schema?:
      guard case .string(let text) = json else { throw site.invalid(type, given, "write a JSON string") }
      return try parse(text, as: type, at: site)
    case nil:
      throw site.unsupported(type, "the type is empty")
    }
  }

  private func scalarValue(
    _ json: JSONValue, _ simple: Flyteidl_Core_SimpleType, _ type: Flyteidl_Core_LiteralType, _ site: Site
  ) throws(LiteralInputError) -> Flyteidl_Core_Primitive.OneOf_Value? {
    switch (simple, json) {
    case (.integer, .integer(let value)): return .integer(value)
    case (.float, .integer(let value)): return .floatValue(Double(value))
    case (.float, .double(let value)): return .floatValue(value)
    case (.string, .string(let value)): return .stringValue(value)
    case (.boolean, .bool(let value)): return .boolean(value)
    case (.none, .null): return nil
    case (.datetime, .string(let text)), (.duration, .string(let text)):
      return try scalarValue(text, simple, type, site)
    case (.duration, .integer(let seconds)): return try scalarValue(String(seconds), simple, type, site)
    case (.duration, .double(let seconds)): return try scalarValue(String(seconds), simple, type, site)
    case (.binary, _), (.error, _), (.UNRECOGNIZED, _):
      throw site.unsupported(type, "values of this type cannot be given on the command line")
    default:
      throw site.invalid(type, json.rendered(), "a JSON \(json.kind) is not a \(type.readable)")
    }
  }

  /// Tries the variants of a union the way `pyflyte run` does — every non-`str` variant in
  /// order, then `str` — and wraps the first match with the variant's type.
  func unionLiteral(
    _ union: Flyteidl_Core_UnionType, _ type: Flyteidl_Core_LiteralType, _ site: Site, given: String,
    convert: (Flyteidl_Core_LiteralType) throws(LiteralInputError) -> Flyteidl_Core_Literal
  ) throws(LiteralInputError) -> Flyteidl_Core_Literal {
    let isString: (Flyteidl_Core_LiteralType) -> Bool = { variant in
      if case .simple(.string)? = variant.type { return true }
      return false
    }
    let ordered = union.variants.filter { !isString($0) } + union.variants.filter(isString)
    var reasons: [String] = []
    for variant in ordered {
      do {
        var value = Flyteidl_Core_Union()
        value.value = try convert(variant)
        value.type = variant
        return .scalar(.union(value))
      } catch {
        reasons.append("\(variant.readable): \(error.reason)")
      }
    }
    throw site.invalid(type, given, "matches no variant; " + reasons.joined(separator: "; "))
  }
}
