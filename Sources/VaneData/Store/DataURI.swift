import Foundation

/// The address of a blob of data: `file:///abs/path`, `s3://bucket/key`, …
///
/// Paths are joined the way Flyte's storage layer joins references: with `/`, without doubling
/// slashes. A `DataURI` is only text; whether a store accepts it is decided by the store.
public struct DataURI: Hashable, Comparable, Sendable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  /// The full text of the URI.
  public let rawValue: String

  /// Wraps URI text as given.
  public init(_ rawValue: String) { self.rawValue = rawValue }

  /// Wraps URI text as given.
  public init(stringLiteral value: String) { self.rawValue = value }

  /// A `file://` URI for an absolute local path.
  public init(filePath path: String) {
    self.rawValue = "file://" + (path.hasPrefix("/") ? path : "/" + path)
  }

  /// The scheme, lowercased (`file`, `s3`, …), or nil when the text has no `scheme://`.
  public var scheme: String? {
    guard let end = schemeEnd else { return nil }
    return String(rawValue.utf8[..<end])!.lowercased()
  }

  /// The text after `scheme://` (for `file:///a/b` that is `/a/b`; for `s3://b/k` it is `b/k`).
  public var afterScheme: String {
    guard let end = schemeEnd else { return rawValue }
    return String(rawValue.utf8[rawValue.utf8.index(end, offsetBy: 3)...])!
  }

  /// Where a valid scheme ends (the index of `:` in `scheme://`): a letter, then letters,
  /// digits, `+`, `-` or `.`.
  private var schemeEnd: String.Index? {
    let bytes = rawValue.utf8
    var index = bytes.startIndex
    while index != bytes.endIndex {
      let byte = bytes[index]
      if byte == UInt8(ascii: ":") { break }
      let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
      let other =
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+")
        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
      guard letter || (other && index != bytes.startIndex) else { return nil }
      index = bytes.index(after: index)
    }
    guard index != bytes.startIndex, bytes[index...].starts(with: "://".utf8) else { return nil }
    return index
  }

  /// The last path component (`outputs.pb` for `…/0/outputs.pb`).
  public var lastComponent: String {
    let trimmed = rawValue.hasSuffix("/") ? String(rawValue.dropLast()) : rawValue
    return trimmed.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
  }

  /// This URI with path components appended, separated by single slashes.
  public func appending(_ components: String...) -> DataURI {
    appending(components: components)
  }

  /// This URI with path components appended, separated by single slashes; empty components
  /// are skipped.
  public func appending(components: [String]) -> DataURI {
    var text = rawValue
    for component in components {
      let part = component.trimmingSlashes
      guard !part.isEmpty else { continue }
      if !text.hasSuffix("/") { text += "/" }
      text += part
    }
    return DataURI(text)
  }

  public var description: String { rawValue }

  public static func < (lhs: DataURI, rhs: DataURI) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension String {
  var trimmingSlashes: String {
    var slice = Substring(self)
    while slice.hasPrefix("/") { slice = slice.dropFirst() }
    while slice.hasSuffix("/") { slice = slice.dropLast() }
    return String(slice)
  }
}
