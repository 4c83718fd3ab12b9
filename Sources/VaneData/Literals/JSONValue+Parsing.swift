public import VaneModel

extension JSONValue {
  /// Why JSON text could not be read, and where.
  public struct ParseError: VaneError, Hashable {
    public enum Code: String, Hashable, Sendable {
      /// The text is not JSON (or nests deeper than the reader allows).
      case malformedJSON
    }

    public var code: Code { .malformedJSON }
    /// What is wrong.
    public var message: String
    /// The UTF-8 byte offset where reading stopped.
    public var offset: Int

    public var location: String? { "offset \(offset)" }

    public var description: String { "\(message) at offset \(offset)" }
  }

  /// Reads JSON text (RFC 8259, plus `NaN`, `Infinity` and `-Infinity` as Python's `json`
  /// accepts). A repeated key keeps its first position and its last value, as in Python.
  public init(parsing text: String) throws(ParseError) {
    var reader = JSONReader(bytes: Array(text.utf8))
    self = try reader.readDocument()
  }
}

/// A recursive-descent JSON reader over UTF-8 bytes.
struct JSONReader {
  let bytes: [UInt8]
  var offset = 0
  private let maxDepth = 512
  private var depth = 0

  init(bytes: [UInt8]) { self.bytes = bytes }

  mutating func readDocument() throws(JSONValue.ParseError) -> JSONValue {
    let value = try readValue()
    skipWhitespace()
    guard offset == bytes.count else { throw fail("unexpected text after the JSON value") }
    return value
  }

  private mutating func readValue() throws(JSONValue.ParseError) -> JSONValue {
    skipWhitespace()
    guard let byte = peek() else { throw fail("unexpected end of JSON text") }
    switch byte {
    case UInt8(ascii: "{"): return try nested { (reader) throws(JSONValue.ParseError) in try reader.readObject() }
    case UInt8(ascii: "["): return try nested { (reader) throws(JSONValue.ParseError) in try reader.readArray() }
    case UInt8(ascii: "\""): return .string(try readString())
    case UInt8(ascii: "t"): try expect("true"); return .bool(true)
    case UInt8(ascii: "f"): try expect("false"); return .bool(false)
    case UInt8(ascii: "n"): try expect("null"); return .null
    case UInt8(ascii: "N"): try expect("NaN"); return .double(.nan)
    case UInt8(ascii: "I"): try expect("Infinity"); return .double(.infinity)
    default: return try readNumber()
    }
  }

  private mutating func nested(
    _ body: (inout JSONReader) throws(JSONValue.ParseError) -> JSONValue
  ) throws(JSONValue.ParseError) -> JSONValue {
    depth += 1
    defer { depth -= 1 }
    guard depth <= maxDepth else { throw fail("JSON nested deeper than \(maxDepth) levels") }
    return try body(&self)
  }

  private mutating func readObject() throws(JSONValue.ParseError) -> JSONValue {
    offset += 1
    var members: [JSONMember] = []
    var positions: [String: Int] = [:]
    skipWhitespace()
    if peek() == UInt8(ascii: "}") { offset += 1; return .object(members) }
    while true {
      skipWhitespace()
      guard peek() == UInt8(ascii: "\"") else { throw fail("expected a quoted object key") }
      let key = try readString()
      skipWhitespace()
      guard peek() == UInt8(ascii: ":") else { throw fail("expected ':' after an object key") }
      offset += 1
      let value = try readValue()
      if let position = positions[key] {
        members[position].value = value
      } else {
        positions[key] = members.count
        members.append(JSONMember(key, value))
      }
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ",")?: offset += 1
      case UInt8(ascii: "}")?: offset += 1; return .object(members)
      default: throw fail("expected ',' or '}' in an object")
      }
    }
  }

  private mutating func readArray() throws(JSONValue.ParseError) -> JSONValue {
    offset += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if peek() == UInt8(ascii: "]") { offset += 1; return .array(elements) }
    while true {
      elements.append(try readValue())
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ",")?: offset += 1
      case UInt8(ascii: "]")?: offset += 1; return .array(elements)
      default: throw fail("expected ',' or ']' in an array")
      }
    }
  }

  private mutating func readNumber() throws(JSONValue.ParseError) -> JSONValue {
    let start = offset
    if peek() == UInt8(ascii: "-") {
      offset += 1
      if peek() == UInt8(ascii: "I") { try expect("Infinity"); return .double(-.infinity) }
    }
    guard let first = peek(), isDigit(first) else { throw fail("expected a JSON value") }
    offset += 1
    if first != UInt8(ascii: "0") { skipDigits() }
    var isInteger = true
    if peek() == UInt8(ascii: ".") {
      isInteger = false
      offset += 1
      guard let digit = peek(), isDigit(digit) else { throw fail("expected digits after '.'") }
      skipDigits()
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      isInteger = false
      offset += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
      guard let digit = peek(), isDigit(digit) else { throw fail("expected digits in the exponent") }
      skipDigits()
    }
    let text = String(decoding: bytes[start..<offset], as: UTF8.self)
    if isInteger {
      guard let value = Int64(text) else { throw fail("integer \(text) does not fit in 64 bits") }
      return .integer(value)
    }
    guard let value = Double(text) else { throw fail("malformed number \(text)") }
    return .double(value)
  }

  private mutating func readString() throws(JSONValue.ParseError) -> String {
    offset += 1
    var scalars = String.UnicodeScalarView()
    var run: [UInt8] = []
    func flush() {
      scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
      run.removeAll()
    }
    while let byte = peek() {
      offset += 1
      switch byte {
      case UInt8(ascii: "\""):
        flush()
        return String(scalars)
      case UInt8(ascii: "\\"):
        flush()
        scalars.append(try readEscape())
      case 0..<0x20:
        throw fail("control character in a string; escape it")
      default:
        run.append(byte)
      }
    }
    throw fail("unterminated string")
  }

  private mutating func readEscape() throws(JSONValue.ParseError) -> Unicode.Scalar {
    guard let byte = peek() else { throw fail("unterminated escape") }
    offset += 1
    switch byte {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let high = try readHex4()
      if (0xD800..<0xDC00).contains(high), peek() == UInt8(ascii: "\\"), offset + 1 < bytes.count,
        bytes[offset + 1] == UInt8(ascii: "u")
      {
        offset += 2
        let low = try readHex4()
        if (0xDC00..<0xE000).contains(low),
          let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        {
          return scalar
        }
        throw fail("invalid surrogate pair")
      }
      guard let scalar = Unicode.Scalar(high) else { throw fail("lone surrogate \\u\(String(high, radix: 16))") }
      return scalar
    default:
      throw fail("unknown escape '\\\(Character(Unicode.Scalar(byte)))'")
    }
  }

  private mutating func readHex4() throws(JSONValue.ParseError) -> UInt32 {
    guard offset + 4 <= bytes.count,
      let value = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
    else { throw fail("expected four hex digits after \\u") }
    offset += 4
    return value
  }

  private mutating func expect(_ word: String) throws(JSONValue.ParseError) {
    let expected = Array(word.utf8)
    guard offset + expected.count <= bytes.count, Array(bytes[offset..<offset + expected.count]) == expected else {
      throw fail("expected a JSON value")
    }
    offset += expected.count
  }

  private func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

  private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  private mutating func skipDigits() {
    while let byte = peek(), isDigit(byte) { offset += 1 }
  }

  private mutating func skipWhitespace() {
    while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { offset += 1 }
  }

  private func fail(_ message: String) -> JSONValue.ParseError {
    JSONValue.ParseError(message: message, offset: offset)
  }
}
