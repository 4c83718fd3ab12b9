import FlyteIDL
import Foundation
import VaneData

/// The text form of an input value for `{{.Inputs.NAME}}`, as FlytePropeller renders it: numbers
/// and booleans as Go prints them, strings as they are, blobs and schemas as their URI, dates in
/// RFC 3339, collections as `[a,b]`. Maps, structs and other values have no text form.
enum LiteralArgumentText {
  /// The text of `literal`, or nil when it has none.
  static func text(_ literal: Flyteidl_Core_Literal) -> String? {
    switch literal.value {
    case .scalar(let scalar)?: return text(scalar)
    case .collection(let collection)?:
      var parts: [String] = []
      for item in collection.literals {
        guard let part = text(item) else { return nil }
        parts.append(part)
      }
      return "[" + parts.joined(separator: ",") + "]"
    default: return nil
    }
  }

  /// Every input of `map` that has a text form, by name.
  static func texts(_ map: Flyteidl_Core_LiteralMap) -> [String: String] {
    map.literals.compactMapValues { text($0) }
  }

  private static func text(_ scalar: Flyteidl_Core_Scalar) -> String? {
    switch scalar.value {
    case .primitive(let primitive)?: return text(primitive)
    case .blob(let blob)?: return blob.uri
    case .schema(let schema)?: return schema.uri
    case .binary(let binary)?:
      guard binary.tag == "msgpack", let value = try? MessagePack.decode(binary.value) else { return nil }
      switch value {
      case .string(let string): return string
      case .integer(let integer): return String(integer)
      case .double(let double): return goFloat(double)
      case .bool(let bool): return bool ? "true" : "false"
      default: return value.rendered()
      }
    default: return nil
    }
  }

  private static func text(_ primitive: Flyteidl_Core_Primitive) -> String? {
    switch primitive.value {
    case .integer(let integer)?: String(integer)
    case .floatValue(let double)?: goFloat(double)
    case .stringValue(let string)?: string
    case .boolean(let bool)?: bool ? "true" : "false"
    case .datetime(let timestamp)?: DateTimeText.format(timestamp)
    case .duration(let duration)?: DurationText.format(duration)
    case nil: nil
    }
  }

  /// A float as Go's `%v` prints it: the shortest digits that read back exactly, in plain
  /// notation when the decimal exponent is in [-4, 6), else as `d.ddde±XX`.
  static func goFloat(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    if value == 0 { return value.sign == .minus ? "-0" : "0" }
    let (negative, digits, exponent) = shortestDigits(value)
    let sign = negative ? "-" : ""
    // Go's %v is %g with the shortest digits, which switches to exponent form when the
    // exponent is < -4 or >= 6 (so 1e6 prints as 1e+06).
    if exponent < -4 || exponent >= 6 {
      var mantissa = String(digits.prefix(1))
      if digits.count > 1 { mantissa += "." + digits.dropFirst() }
      let magnitude = abs(exponent)
      return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
    }
    if exponent < 0 {
      return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
    }
    if digits.count <= exponent + 1 {
      return sign + digits + String(repeating: "0", count: exponent + 1 - digits.count)
    }
    let split = digits.index(digits.startIndex, offsetBy: exponent + 1)
    return sign + digits[..<split] + "." + digits[split...]
  }

  /// The shortest round-tripping significant digits of a finite non-zero value and the decimal
  /// exponent of the first digit, from Swift's own shortest formatting.
  private static func shortestDigits(_ value: Double) -> (negative: Bool, digits: String, exponent: Int) {
    var text = "\(abs(value))"
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...]) ?? 0
      text = String(text[..<e])
    }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let whole = parts.first.map(String.init) ?? ""
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    var digits = whole + fraction
    var pointPosition = whole.count + exponent
    while digits.hasPrefix("0") {
      digits.removeFirst()
      pointPosition -= 1
    }
    while digits.hasSuffix("0") { digits.removeLast() }
    if digits.isEmpty { digits = "0" }
    return (value < 0, digits, pointPosition - 1)
  }
}
