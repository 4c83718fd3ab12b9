public import VaneModel

/// Every problem found in one compilation; thrown when there is at least one. Its code,
/// message and location are the first problem's.
public struct CompilationFailure: VaneError {
  /// The problems, in the order they were found.
  public let errors: [CompilerError]

  /// Creates a failure from the problems found.
  public init(errors: [CompilerError]) {
    self.errors = errors
  }

  /// The codes of all problems, for quick checks.
  public var codes: [CompilerError.Code] { errors.map(\.code) }

  public var code: CompilerError.Code { errors.first?.code ?? .missingValue }
  public var message: String { errors.first?.message ?? "" }
  public var location: String? { errors.first?.location }

  /// One line per problem: `workflow <wf>, node <id>: <message>`.
  public var description: String {
    let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
    return (["compilation failed with \(count):"] + errors.map { "  \($0)" }).joined(separator: "\n")
  }
}
