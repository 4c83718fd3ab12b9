/// A value given for a workflow input that cannot become a literal of the input's type: which
/// input (and where inside it), what was expected, what was given, and why.
public struct LiteralInputError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The stable kind of failure.
  public enum Code: String, Hashable, Sendable, CaseIterable {
    /// The value does not parse as the expected type.
    case invalidValue = "invalid_value"
    /// A file or directory path does not exist or is of the wrong kind.
    case pathNotFound = "path_not_found"
    /// The type cannot be given on the command line (bytes, error, a type with no kind).
    case unsupportedType = "unsupported_type"
    /// The input name is not declared by the workflow or task.
    case unknownInput = "unknown_input"
    /// The same input is given twice.
    case duplicateInput = "duplicate_input"
    /// The assignment is not of the form `NAME=VALUE`.
    case malformedAssignment = "malformed_assignment"
  }

  /// The stable kind of failure.
  public var code: Code
  /// The input's name.
  public var input: String
  /// Where inside the value, for collections, maps and structs (`[2]`, `.key`); empty for the
  /// value as a whole.
  public var path: String
  /// The expected type, readable (`list[int]`, `union[int, none]`).
  public var expected: String
  /// The value given, as text.
  public var given: String
  /// Why it was rejected and, where possible, how to write it instead.
  public var reason: String

  /// Creates an error.
  public init(
    _ code: Code, input: String, path: String = "", expected: String, given: String, reason: String
  ) {
    self.code = code
    self.input = input
    self.path = path
    self.expected = expected
    self.given = given
    self.reason = reason
  }

  public var description: String {
    var text = "input '\(input)'"
    if !path.isEmpty { text += " at \(path)" }
    if !expected.isEmpty { text += ": expected \(expected)" }
    if !given.isEmpty { text += expected.isEmpty ? ": got \(given)" : ", got \(given)" }
    return text + (reason.isEmpty ? "" : " (\(reason))")
  }
}

/// Every problem found in a set of `NAME=VALUE` inputs, reported together.
public struct LiteralInputFailure: Error, Hashable, Sendable, CustomStringConvertible {
  /// The problems, in the order the inputs were given.
  public var errors: [LiteralInputError]

  /// Creates a failure from its problems.
  public init(errors: [LiteralInputError]) { self.errors = errors }

  public var description: String { errors.map(\.description).joined(separator: "\n") }
}
