public import Foundation
public import VaneModel

extension MessagePack {
  /// Why message-pack bytes could not be read, and where.
  public struct DecodeError: VaneError, Hashable {
    public enum Code: String, Hashable, Sendable {
      /// The bytes are not message-pack, or use a part of it that is not read (extensions).
      case malformedMessagePack
    }

    public var code: Code { .malformedMessagePack }
    /// What is wrong.
    public var message: String
    /// The byte offset where reading stopped.
    public var offset: Int

    public var location: String? { "byte \(offset)" }

    public var description: String { "\(message) at byte \(offset)" }
  }

  /// Reads message-pack bytes back into a JSON value, for printing. Binary data becomes a
  /// base64 string, non-string map keys their compact JSON text, unsigned integers above
  /// `Int64.max` doubles; extension types are rejected.
  public static func decode(_ data: Data) throws(DecodeError) -> JSONValue {
    var reader = MessagePackReader(bytes: [UInt8](data))
    let value = try reader.readValue(depth: 0)
    guard reader.offset == reader.bytes.count else {
      throw DecodeError(message: "unexpected bytes after the value", offset: reader.offset)
    }
    return value
  }
}

extension UInt64 {
  fileprivate var low8: UInt8 { UInt8(truncatingIfNeeded: self) }
}

struct MessagePackReader {
  let bytes: [UInt8]
  var offset = 0

  mutating func readValue(depth: Int) throws(MessagePack.DecodeError) -> JSONValue {
    guard depth < 512 else { throw fail("nested deeper than 512 levels") }
    let byte = try readUnsigned(width: 1).low8
    switch byte {
    case 0x00...0x7F: return .integer(Int64(byte))
    case 0x80...0x8F: return try readMap(count: Int(byte & 0x0F), depth: depth)
    case 0x90...0x9F: return try readArray(count: Int(byte & 0x0F), depth: depth)
    case 0xA0...0xBF: return .string(try readText(count: Int(byte & 0x1F)))
    case 0xC0: return .null
    case 0xC2: return .bool(false)
    case 0xC3: return .bool(true)
    case 0xC4, 0xC5, 0xC6:
      let count = try readLength(width: 1 << Int(byte - 0xC4))
      return .string(Data(try take(count)).base64EncodedString())
    case 0xCA: return .double(Double(Float(bitPattern: UInt32(try readUnsigned(width: 4)))))
    case 0xCB: return .double(Double(bitPattern: try readUnsigned(width: 8)))
    case 0xCC, 0xCD, 0xCE, 0xCF:
      let number = try readUnsigned(width: 1 << Int(byte - 0xCC))
      return number <= UInt64(Int64.max) ? .integer(Int64(number)) : .double(Double(number))
    case 0xD0: return .integer(Int64(Int8(truncatingIfNeeded: try readUnsigned(width: 1))))
    case 0xD1: return .integer(Int64(Int16(truncatingIfNeeded: try readUnsigned(width: 2))))
    case 0xD2: return .integer(Int64(Int32(truncatingIfNeeded: try readUnsigned(width: 4))))
    case 0xD3: return .integer(Int64(bitPattern: try readUnsigned(width: 8)))
    case 0xD9, 0xDA, 0xDB: return .string(try readText(count: try readLength(width: 1 << Int(byte - 0xD9))))
    case 0xDC, 0xDD: return try readArray(count: try readLength(width: byte == 0xDC ? 2 : 4), depth: depth)
    case 0xDE, 0xDF: return try readMap(count: try readLength(width: byte == 0xDE ? 2 : 4), depth: depth)
    case 0xE0...0xFF: return .integer(Int64(Int8(bitPattern: byte)))
    default:
      offset -= 1
      throw fail("unsupported message-pack type 0x\(String(byte, radix: 16)) (extension types are not JSON)")
    }
  }

  private mutating func readArray(count: Int, depth: Int) throws(MessagePack.DecodeError) -> JSONValue {
    var elements: [JSONValue] = []
    for _ in 0..<count { elements.append(try readValue(depth: depth + 1)) }
    return .array(elements)
  }

  private mutating func readMap(count: Int, depth: Int) throws(MessagePack.DecodeError) -> JSONValue {
    var members: [JSONMember] = []
    for _ in 0..<count {
      let key = try readValue(depth: depth + 1)
      let value = try readValue(depth: depth + 1)
      if case .string(let text) = key {
        members.append(JSONMember(text, value))
      } else {
        members.append(JSONMember(key.rendered(), value))
      }
    }
    return .object(members)
  }

  private mutating func readText(count: Int) throws(MessagePack.DecodeError) -> String {
    let start = offset
    let slice = try take(count)
    guard let text = String(validating: slice, as: UTF8.self) else {
      offset = start
      throw fail("string is not valid UTF-8")
    }
    return text
  }

  private mutating func readLength(width: Int) throws(MessagePack.DecodeError) -> Int {
    let length = try readUnsigned(width: width)
    guard length <= UInt64(bytes.count - offset) else { throw fail("length \(length) runs past the end") }
    return Int(length)
  }

  private mutating func readUnsigned(width: Int) throws(MessagePack.DecodeError) -> UInt64 {
    var number: UInt64 = 0
    for byte in try take(width) { number = number << 8 | UInt64(byte) }
    return number
  }

  private mutating func take(_ count: Int) throws(MessagePack.DecodeError) -> ArraySlice<UInt8> {
    guard count <= bytes.count - offset else { throw fail("unexpected end of data") }
    defer { offset += count }
    return bytes[offset..<offset + count]
  }

  private func fail(_ message: String) -> MessagePack.DecodeError {
    MessagePack.DecodeError(message: message, offset: offset)
  }
}
