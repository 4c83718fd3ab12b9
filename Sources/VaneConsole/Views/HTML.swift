/// Escaping for text placed into HTML and SVG by Swift code (templates escape on their own).
public enum HTML {
  /// `text` with `& < > " '` replaced by entities, safe in element content and quoted
  /// attribute values.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default:
        // Control characters other than tab and newline have no place in a page.
        if character.value < 0x20 && character != "\n" && character != "\t" {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(character)
        }
      }
    }
    return out
  }

  /// `text` cut to `limit` characters with an ellipsis.
  public static func shortened(_ text: String, to limit: Int) -> String {
    text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
  }

  /// `text` percent-encoded for a URL path segment or query value (RFC 3986 unreserved kept).
  public static func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = Array("0123456789ABCDEF")
        out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
      }
    }
    return out
  }
}
