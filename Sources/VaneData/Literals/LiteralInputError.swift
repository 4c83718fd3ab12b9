public import VaneModel

/// A value given for a workflow input that cannot become a literal of the input's type: which
/// input (and where inside it), what was expected, what was given, and why.
public struct LiteralInputError: VaneError, Hashable {
  /// The stable kind of failure.
  public enum Code: String, Hashable, Sendable, CaseIterable {
    /// The value does not parse as the expected type.
    case invalidValue
    /// A file or directory path does not exist or is of the wrong kind.
    case pathNotFound
    /// The type cannot be given on the command line (bytes, error, a type with no kind).
    case unsupportedType
    /// The input name is not declared by the workflow or task.
    case unknownInput
    /// The same input is given twice.
    case duplicateInput
    /// The assignment is not of the form `NAME=VALUE`.
    case malformedAssignment
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

  /// `input '<name>'`, and where inside it.
  public var location: String? { path.isEmpty ? "input '\(input)'" : "input '\(input)' at \(path)" }

  /// What was expected, what was given, and why it was rejected.
  public var message: String {
    var parts: [String] = []
    if !expected.isEmpty { parts.append("expected \(expected)") }
    if !given.isEmpty { parts.append("got \(given)") }
    if !reason.isEmpty { parts.append(reason) }
    return parts.joined(separator: ", ")
  }

  /// `input '<name>' at <path>: expected <type>, got <value> (<reason>)`.
  public var description: String {
    var text = location ?? ""
    if !expected.isEmpty { text += ": expected \(expected)" }
    if !given.isEmpty { text += expected.isEmpty ? ": got \(given)" : ", got \(given)" }
    return text + (reason.isEmpty ? "" : " (\(reason))")
  }
}

/// Every problem found in a set of `NAME=VALUE` inputs, reported together: its code, message
/// and location are the first problem's.
public struct LiteralInputFailure: VaneError, Hashable {
  /// The problems, in the order the inputs were given.
  public var errors: [LiteralInputError]

  /// Creates a failure from its problems.
  public init(errors: [LiteralInputError]) { self.errors = errors }

  public var code: LiteralInputError.Code { errors.first?.code ?? .invalidValue }
  public var message: String { errors.first?.message ?? "" }
  public var location: String? { errors.first?.location }

  /// One line per problem.
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}
