public import Foundation

/// Message-pack encoding of JSON values, byte for byte as Python's `msgpack.dumps` writes them
/// (flytekit sends dataclasses and untyped dicts as a `Binary` scalar tagged `msgpack`): the
/// smallest integer form (unsigned forms for non-negative values), floats as float64, strings
/// as UTF-8 `str`, members in the order given.
public enum MessagePack {
  /// The message-pack bytes of a JSON value.
  public static func encode(_ value: JSONValue) -> Data {
    var output: [UInt8] = []
    append(value, to: &output)
    return Data(output)
  }

  private static func append(_ value: JSONValue, to output: inout [UInt8]) {
    switch value {
    case .null: output.append(0xC0)
    case .bool(let flag): output.append(flag ? 0xC3 : 0xC2)
    case .integer(let number): appendInteger(number, to: &output)
    case .double(let number):
      output.append(0xCB)
      appendBigEndian(number.bitPattern, to: &output)
    case .string(let text):
      let bytes = Array(text.utf8)
      appendHeader(count: bytes.count, fix: 0xA0, fixLimit: 32, to: &output, forms: (0xD9, 0xDA, 0xDB))
      output.append(contentsOf: bytes)
    case .array(let elements):
      appendHeader(count: elements.count, fix: 0x90, fixLimit: 16, to: &output, forms: (nil, 0xDC, 0xDD))
      for element in elements { append(element, to: &output) }
    case .object(let members):
      appendHeader(count: members.count, fix: 0x80, fixLimit: 16, to: &output, forms: (nil, 0xDE, 0xDF))
      for member in members {
        append(.string(member.key), to: &output)
        append(member.value, to: &output)
      }
    }
  }

  private static func appendInteger(_ number: Int64, to output: inout [UInt8]) {
    switch number {
    case 0..<128: output.append(UInt8(number))
    case -32..<0: output.append(UInt8(bitPattern: Int8(number)))
    case 128...0xFF: output += [0xCC, UInt8(number)]
    case 0x100...0xFFFF: output.append(0xCD); appendBigEndian(UInt16(number), to: &output)
    case 0x1_0000...0xFFFF_FFFF: output.append(0xCE); appendBigEndian(UInt32(number), to: &output)
    case 0x1_0000_0000...: output.append(0xCF); appendBigEndian(UInt64(number), to: &output)
    case -128..<(-32): output += [0xD0, UInt8(bitPattern: Int8(number))]
    case -32768..<(-128): output.append(0xD1); appendBigEndian(UInt16(bitPattern: Int16(number)), to: &output)
    case -2_147_483_648..<(-32768): output.append(0xD2); appendBigEndian(UInt32(bitPattern: Int32(number)), to: &output)
    default: output.append(0xD3); appendBigEndian(UInt64(bitPattern: number), to: &output)
    }
  }

  private static func appendHeader(
    count: Int, fix: UInt8, fixLimit: Int, to output: inout [UInt8], forms: (UInt8?, UInt8, UInt8)
  ) {
    if count < fixLimit {
      output.append(fix | UInt8(count))
    } else if let form8 = forms.0, count <= 0xFF {
      output += [form8, UInt8(count)]
    } else if count <= 0xFFFF {
      output.append(forms.1)
      appendBigEndian(UInt16(count), to: &output)
    } else {
      output.append(forms.2)
      appendBigEndian(UInt32(truncatingIfNeeded: count), to: &output)
    }
  }

  static func appendBigEndian<T: FixedWidthInteger>(_ number: T, to output: inout [UInt8]) {
    var big = number.bigEndian
    withUnsafeBytes(of: &big) { output.append(contentsOf: $0) }
  }
}
