/// An `application/x-www-form-urlencoded` body (or query string) as name → value; the last
/// value wins for a repeated name. Malformed escapes are kept as written rather than refused,
/// as browsers do.
public enum FormBody {
  public static func parse(_ text: String) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = decode(parts[0])
      guard !name.isEmpty else { continue }
      fields[name] = parts.count > 1 ? decode(parts[1]) : ""
    }
    return fields
  }

  /// `+` as space and `%XX` as the byte XX; the bytes read as UTF-8 (invalid sequences
  /// replaced).
  public static func decode(_ text: Substring) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var iterator = Array(text.utf8)[...]
    while let byte = iterator.popFirst() {
      switch byte {
      case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
      case UInt8(ascii: "%"):
        if iterator.count >= 2, let high = hex(iterator[iterator.startIndex]),
          let low = hex(iterator[iterator.startIndex + 1])
        {
          bytes.append(high << 4 | low)
          iterator = iterator.dropFirst(2)
        } else {
          bytes.append(byte)
        }
      default: bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func hex(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
