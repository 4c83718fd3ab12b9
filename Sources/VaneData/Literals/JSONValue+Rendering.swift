extension JSONValue {
  /// JSON text: compact (`{"a": 1, "b": [1, 2]}`, Python's separators) or pretty-printed with
  /// two-space indentation. Non-finite floats are written `NaN`, `Infinity`, `-Infinity`, as
  /// Python's `json.dumps` does.
  public func rendered(pretty: Bool = false) -> String {
    var output = ""
    render(into: &output, pretty: pretty, indent: "")
    return output
  }

  private func render(into output: inout String, pretty: Bool, indent: String) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .integer(let value): output += String(value)
    case .double(let value): output += JSONValue.text(of: value)
    case .string(let value): output += JSONValue.quoted(value)
    case .array(let elements):
      guard !elements.isEmpty else { output += "[]"; return }
      let inner = indent + "  "
      output += "["
      for (index, element) in elements.enumerated() {
        if index > 0 { output += pretty ? "," : ", " }
        if pretty { output += "\n" + inner }
        element.render(into: &output, pretty: pretty, indent: inner)
      }
      output += pretty ? "\n" + indent + "]" : "]"
    case .object(let members):
      guard !members.isEmpty else { output += "{}"; return }
      let inner = indent + "  "
      output += "{"
      for (index, member) in members.enumerated() {
        if index > 0 { output += pretty ? "," : ", " }
        if pretty { output += "\n" + inner }
        output += JSONValue.quoted(member.key) + ": "
        member.value.render(into: &output, pretty: pretty, indent: inner)
      }
      output += pretty ? "\n" + indent + "}" : "}"
    }
  }

  static func text(of value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    return value.description
  }

  static func quoted(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output + "\""
  }
}
