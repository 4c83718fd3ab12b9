import Crypto
public import Foundation

/// The text encodings SigV4 prescribes: RFC 3986 percent-encoding of everything but the
/// unreserved characters, lowercase hex, and the `yyyyMMdd'T'HHmmss'Z'` timestamp.
public enum SigV4Encoding {
  /// Percent-encodes `text` as SigV4 wants: `A–Z a–z 0–9 - . _ ~` stay, every other byte
  /// becomes `%XY` (upper-case hex); `/` stays only when `keepSlash` (object key paths).
  public static func uriEncode(_ text: String, keepSlash: Bool) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      if isUnreserved(byte) || (keepSlash && byte == UInt8(ascii: "/")) {
        output.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        output += "%"
        output.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(byte >> 4)]))
        output.unicodeScalars.append(Unicode.Scalar(hexDigits[Int(byte & 0x0F)]))
      }
    }
    return output
  }

  private static let hexDigits = Array("0123456789ABCDEF".utf8)
  private static let lowerHexDigits = Array("0123456789abcdef".utf8)

  private static func isUnreserved(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
  }

  /// Lower-case hex of `bytes`.
  public static func hex(_ bytes: some Sequence<UInt8>) -> String {
    var output = ""
    for byte in bytes {
      output.unicodeScalars.append(Unicode.Scalar(lowerHexDigits[Int(byte >> 4)]))
      output.unicodeScalars.append(Unicode.Scalar(lowerHexDigits[Int(byte & 0x0F)]))
    }
    return output
  }

  /// Lower-case hex SHA-256 of `data`.
  public static func sha256Hex(_ data: some DataProtocol) -> String { hex(SHA256.hash(data: data)) }

  /// The hex SHA-256 of an empty body.
  public static let emptyPayloadHash = sha256Hex(Data())

  /// `yyyyMMdd'T'HHmmss'Z'` in UTC (`x-amz-date`).
  public static func timestamp(_ date: Date) -> String {
    let parts = utcParts(date)
    return String(
      format: "%04d%02d%02dT%02d%02d%02dZ", parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second)
  }

  /// `yyyyMMdd` in UTC (the date of a credential scope).
  public static func day(_ date: Date) -> String {
    let parts = utcParts(date)
    return String(format: "%04d%02d%02d", parts.year, parts.month, parts.day)
  }

  /// The UTC calendar fields of `date`, by arithmetic (the civil-from-days conversion), as
  /// every request needs them and a `Calendar` costs microseconds.
  static func utcParts(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60)
  }
}
