import Foundation

/// Substitutes Flyte's template variables in container commands and arguments, as
/// FlytePropeller does before it starts a pod: every known `{{.name}}` / `{{$name}}` is replaced,
/// unknown ones are left as written.
struct TemplateRenderer: Sendable {
  /// The text each variable stands for, fixed for one attempt.
  struct Values: Sendable {
    var input: String
    var inputPrefix: String
    var outputPrefix: String
    var rawOutputDataPrefix: String
    var checkpointOutputPrefix: String
    /// The previous attempt's checkpoint prefix; rendered as `""` when nil.
    var previousCheckpointPrefix: String?
    var perRetryUniqueKey: String
    var taskTemplatePath: String
    /// The code archive; rendering `{{ .remote_package_path }}` fails without one.
    var remotePackagePath: String?
    /// Input values as text, by input name; rendering `{{.Inputs.X}}` fails when X is missing.
    var inputValues: [String: String] = [:]
  }

  let values: Values

  /// Every known variable used in `texts`.
  static func variables(in texts: [String]) -> Set<TemplateVariable> {
    var found: Set<TemplateVariable> = []
    for text in texts {
      forEachPlaceholder(in: text) { variable, _ in found.insert(variable) }
    }
    return found
  }

  /// `texts` with every known variable substituted.
  func render(_ texts: [String]) throws(LocalProcessError) -> [String] {
    var rendered: [String] = []
    rendered.reserveCapacity(texts.count)
    for text in texts { rendered.append(try render(text)) }
    return rendered
  }

  /// `text` with every known variable substituted.
  func render(_ text: String) throws(LocalProcessError) -> String {
    var output = ""
    var missing: [String] = []
    var copiedUpTo = text.startIndex
    Self.forEachPlaceholder(in: text) { variable, range in
      output += text[copiedUpTo..<range.lowerBound]
      switch value(of: variable) {
      case .some(let replacement): output += replacement
      case .none:
        missing.append(String(text[range]))
        output += text[range]
      }
      copiedUpTo = range.upperBound
    }
    output += text[copiedUpTo...]
    guard missing.isEmpty else {
      throw LocalProcessError(
        .invalidTemplate, "cannot fill \(missing.joined(separator: ", ")) in '\(text)': \(reason(missing))")
    }
    return output
  }

  private func value(of variable: TemplateVariable) -> String? {
    switch variable {
    case .input: values.input
    case .inputPrefix: values.inputPrefix
    case .outputPrefix: values.outputPrefix
    case .rawOutputDataPrefix: values.rawOutputDataPrefix
    case .checkpointOutputPrefix: values.checkpointOutputPrefix
    case .previousCheckpointPrefix: values.previousCheckpointPrefix ?? "\"\""
    case .perRetryUniqueKey: values.perRetryUniqueKey
    case .taskTemplatePath: values.taskTemplatePath
    case .remotePackagePath: values.remotePackagePath
    case .inputValue(let name): values.inputValues[name]
    }
  }

  private func reason(_ missing: [String]) -> String {
    if missing.contains(where: { $0.lowercased().contains("remote_package_path") }) && values.remotePackagePath == nil {
      return "the task is fast-registered but the execution has no code archive; register it with its archive"
    }
    let names = values.inputValues.keys.sorted().joined(separator: ", ")
    return "no such input, or it has no text form (inputs with text: \(names.isEmpty ? "none" : names))"
  }

  /// Calls `body` for each `{{…}}` naming a known variable, with its range, in order.
  static func forEachPlaceholder(
    in text: String, _ body: (TemplateVariable, Range<String.Index>) -> Void
  ) {
    var searchStart = text.startIndex
    while let open = text.range(of: "{{", range: searchStart..<text.endIndex),
      let close = text.range(of: "}}", range: open.upperBound..<text.endIndex)
    {
      let inner = text[open.upperBound..<close.lowerBound]
      if inner.contains("{{") {
        // `{{ {{.input}}`: restart at the inner opening so it is still found.
        searchStart = text.index(after: open.lowerBound)
        continue
      }
      if let variable = TemplateVariable(between: inner) {
        body(variable, open.lowerBound..<close.upperBound)
      }
      searchStart = close.upperBound
    }
  }

  /// Flyte's per-retry key: the attempt's unique id with leading characters that are not
  /// letters or `_` replaced by one `a`, and every run of other characters outside
  /// `[a-zA-Z0-9_]` replaced by one `_`.
  static func perRetryUniqueKey(for uniqueID: String) -> String {
    func isWord(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
    func isLead(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c == "_") }
    var text = Substring(uniqueID)
    var key = ""
    if let first = text.first, !isLead(first) {
      text = text.drop { !isLead($0) }
      key = "a"
    }
    var inRun = false
    for character in text {
      if isWord(character) {
        key.append(character)
        inRun = false
      } else if !inRun {
        key.append("_")
        inRun = true
      }
    }
    return key.isEmpty ? "a" : key
  }
}
