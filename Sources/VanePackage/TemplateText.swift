import Foundation

/// Replaces Flyte template variables — `{{ .name }}`, `{{.name}}`, `{{$name}}`, spacing and
/// case ignored — in text.
enum TemplateText {
  /// `text` with every occurrence of the template variable `name` replaced by `value`.
  static func replacing(_ name: String, with value: String, in text: String) -> String {
    guard text.contains("{{") else { return text }
    let wanted = name.lowercased()
    var result = ""
    var rest = text[...]
    while let open = rest.range(of: "{{") {
      result += rest[rest.startIndex..<open.lowerBound]
      guard let close = rest[open.upperBound...].range(of: "}}") else { break }
      var inner = rest[open.upperBound..<close.lowerBound].trimmingWhitespace()
      if inner.first == "." || inner.first == "$" { inner = inner.dropFirst().trimmingWhitespace() }
      if inner.lowercased() == wanted {
        result += value
        rest = rest[close.upperBound...]
      } else {
        result += "{{"
        rest = rest[open.upperBound...]
      }
    }
    return result + rest
  }
}

extension Substring {
  fileprivate func trimmingWhitespace() -> Substring {
    var trimmed = self
    while trimmed.first?.isWhitespace == true { trimmed = trimmed.dropFirst() }
    while trimmed.last?.isWhitespace == true { trimmed = trimmed.dropLast() }
    return trimmed
  }
}
