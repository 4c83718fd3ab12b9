/// The fields Vane reads from one 512-byte tar header block (POSIX ustar, GNU or v7).
struct TarHeader: Sendable {
  /// The member name, with the ustar prefix joined in front when there is one.
  let name: String
  /// The size of the data that follows the header.
  let size: Int
  /// The type flag byte (`0`, `5`, `L`, `x`, …).
  let typeFlag: UInt8

  static let blockSize = 512

  /// Parses `block` (exactly 512 bytes) found at byte `offset` of the archive.
  static func parse(_ block: ArraySlice<UInt8>, offset: Int) -> Result<TarHeader, ArchiveProblem> {
    let bytes = Array(block)
    guard bytes.count == blockSize else {
      return .failure(ArchiveProblem(.tarTruncated, "the tar archive ends inside a header at byte \(offset)"))
    }
    guard let stored = octal(bytes[148..<156]) else {
      return .failure(ArchiveProblem(.tarCorrupt, "the tar header at byte \(offset) has an unreadable checksum field"))
    }
    guard checksums(bytes).contains(stored) else {
      return .failure(
        ArchiveProblem(.tarCorrupt, "the tar header at byte \(offset) fails its checksum; the archive is damaged"))
    }
    guard let size = number(bytes[124..<136]) else {
      return .failure(ArchiveProblem(.tarCorrupt, "the tar header at byte \(offset) has an unreadable size field"))
    }
    var name = string(bytes[0..<100])
    let magic = Array(bytes[257..<263])
    let isPosixUstar = magic == Array("ustar\0".utf8)
    if isPosixUstar {
      let prefix = string(bytes[345..<500])
      if !prefix.isEmpty { name = prefix + "/" + name }
    }
    return .success(TarHeader(name: name, size: size, typeFlag: bytes[156]))
  }

  /// The two sums tar writers have used: over unsigned and over signed bytes, with the
  /// checksum field itself counted as spaces.
  private static func checksums(_ bytes: [UInt8]) -> Set<Int> {
    var unsigned = 0
    var signed = 0
    for (index, byte) in bytes.enumerated() {
      let value = (148..<156).contains(index) ? 0x20 : byte
      unsigned += Int(value)
      signed += Int(Int8(bitPattern: value))
    }
    return [unsigned, signed]
  }

  /// A NUL-terminated string field.
  static func string(_ field: ArraySlice<UInt8>) -> String {
    let end = field.firstIndex(of: 0) ?? field.endIndex
    return String(decoding: field[field.startIndex..<end], as: UTF8.self)
  }

  /// A numeric field: octal text, or GNU base-256 when the high bit of the first byte is set.
  static func number(_ field: ArraySlice<UInt8>) -> Int? {
    guard let first = field.first else { return nil }
    guard first & 0x80 != 0 else { return octal(field) }
    guard first & 0x40 == 0 else { return nil }  // negative
    var value = Int(first & 0x3f)
    for byte in field.dropFirst() {
      guard value <= (Int.max >> 8) else { return nil }
      value = value << 8 | Int(byte)
    }
    return value
  }

  /// Octal text, padded with spaces or NULs on either side.
  static func octal(_ field: ArraySlice<UInt8>) -> Int? {
    let digits = field.drop { $0 == 0x20 || $0 == 0 }.prefix { $0 != 0x20 && $0 != 0 }
    let rest = field.drop { $0 == 0x20 || $0 == 0 }.dropFirst(digits.count)
    guard rest.allSatisfy({ $0 == 0x20 || $0 == 0 }) else { return nil }
    if digits.isEmpty { return 0 }
    var value = 0
    for digit in digits {
      guard (0x30...0x37).contains(digit), value <= (Int.max >> 3) else { return nil }
      value = value << 3 | Int(digit - 0x30)
    }
    return value
  }
}
