public import Foundation

/// Protobuf wire-format surgery without decoding: drops top-level fields by number, skipping
/// their bytes. Listing executions uses it to decode a status without its node tree — a
/// 10,000-node execution's status is megabytes of nodes, and a list needs only the phase,
/// times and error.
public enum WireFields {
  /// `bytes` without the top-level fields numbered `numbers`; nil when the bytes are not
  /// well-formed protobuf (then decode the whole message and let its decoder report it).
  public static func removing(_ numbers: Set<Int>, from bytes: Data) -> Data? {
    var output = Data()
    output.reserveCapacity(min(bytes.count, 4096))
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let start = index
      guard let tag = varint(bytes, &index) else { return nil }
      let number = Int(tag >> 3)
      switch tag & 7 {
      case 0: guard varint(bytes, &index) != nil else { return nil }
      case 1: index += 8
      case 5: index += 4
      case 2:
        guard let length = varint(bytes, &index), length <= UInt64(bytes.endIndex - index) else { return nil }
        index += Int(length)
      default: return nil
      }
      guard index <= bytes.endIndex else { return nil }
      if !numbers.contains(number) { output.append(bytes[start..<index]) }
    }
    return output
  }

  static func varint(_ bytes: Data, _ index: inout Data.Index) -> UInt64? {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while index < bytes.endIndex, shift < 64 {
      let byte = bytes[index]
      index += 1
      value |= UInt64(byte & 0x7f) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
    return nil
  }
}
