import FlyteIDL

/// The outcome of checking one binding: the type it resolves to, the nodes it reads from, and
/// the problems found (reported by the caller, or discarded when trying union variants).
struct BindingCheck {
  var type: Flyteidl_Core_LiteralType?
  var upstream: [String] = []
  var problems: [Problem] = []

  struct Problem {
    var code: CompilerError.Code
    var message: String
  }

  var isValid: Bool { problems.isEmpty }

  static func failure(_ code: CompilerError.Code, _ message: String) -> BindingCheck {
    BindingCheck(type: nil, problems: [Problem(code: code, message: message)])
  }
}

/// How a binding's upstream nodes are linked to the node that consumes it.
enum EdgeDirection {
  /// Upstream and downstream connections (top-level nodes, workflow outputs).
  case both
  /// Only the consumer's upstream list (branch legs, the failure node).
  case upstreamOnly
}

/// An output variable named by a promise: `name`, or `[index].name` for one element of a list.
struct PromiseVariable {
  let name: String
  let index: Int?

  init?(_ text: String) {
    var rest = Substring(text)
    var index: Int?
    if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
      guard let value = Int(rest[rest.index(after: rest.startIndex)..<close]) else { return nil }
      rest = rest[rest.index(after: close)...]
      guard rest.hasPrefix(".") else { return nil }
      rest = rest.dropFirst()
      index = value
    }
    guard !rest.isEmpty, !rest.contains("."), !rest.contains("[") else { return nil }
    self.name = String(rest)
    self.index = index
  }
}
