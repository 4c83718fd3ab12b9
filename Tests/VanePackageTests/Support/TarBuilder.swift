import Foundation

/// Writes tar archives byte by byte, so tests can make members that real tools refuse to
/// write (absolute paths, `..`, bad checksums, lying sizes).
struct TarBuilder {
  private(set) var bytes: [UInt8] = []

  /// Adds a ustar header and data. `declaredSize` overrides the size field; `badChecksum`
  /// stores a wrong checksum.
  mutating func add(
    _ name: String, _ data: Data = Data(), type: Character = "0", prefix: String = "",
    declaredSize: Int? = nil, badChecksum: Bool = false
  ) {
    var header = [UInt8](repeating: 0, count: 512)
    put(Array(name.utf8), at: 0, width: 100, into: &header)
    put(octal(0o644, width: 8), at: 100, width: 8, into: &header)
    put(octal(0, width: 8), at: 108, width: 8, into: &header)
    put(octal(0, width: 8), at: 116, width: 8, into: &header)
    put(octal(declaredSize ?? data.count, width: 12), at: 124, width: 12, into: &header)
    put(octal(0, width: 12), at: 136, width: 12, into: &header)
    header[156] = type.asciiValue ?? 0x30
    put(Array("ustar\0".utf8), at: 257, width: 6, into: &header)
    put(Array("00".utf8), at: 263, width: 2, into: &header)
    put(Array(prefix.utf8), at: 345, width: 155, into: &header)
    for index in 148..<156 { header[index] = 0x20 }
    let sum = header.reduce(0) { $0 + Int($1) } + (badChecksum ? 1 : 0)
    put(octal(sum, width: 7) + [0x20], at: 148, width: 8, into: &header)
    bytes += header
    bytes += data
    bytes += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
  }

  /// Adds a pax extended header (`x`) with the given records, for the next member.
  mutating func addPax(_ records: [String: String]) {
    var body = ""
    for (key, value) in records.sorted(by: { $0.key < $1.key }) {
      let content = " \(key)=\(value)\n"
      var length = content.utf8.count + 1
      while "\(length)\(content)".utf8.count != length { length += 1 }
      body += "\(length)\(content)"
    }
    add("PaxHeader", Data(body.utf8), type: "x")
  }

  /// Adds a GNU long-name header (`L`) for the next member.
  mutating func addLongName(_ name: String) {
    add("././@LongLink", Data(name.utf8) + Data([0]), type: "L")
  }

  /// The archive with its two zero end blocks.
  var finished: Data { Data(bytes + [UInt8](repeating: 0, count: 1024)) }

  private func octal(_ value: Int, width: Int) -> [UInt8] {
    let text = String(value, radix: 8)
    return Array((String(repeating: "0", count: max(0, width - 1 - text.count)) + text).utf8) + [0]
  }

  private func put(_ value: [UInt8], at offset: Int, width: Int, into header: inout [UInt8]) {
    for (index, byte) in value.prefix(width).enumerated() { header[offset + index] = byte }
  }
}
