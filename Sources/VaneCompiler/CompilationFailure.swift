/// Every problem found in one compilation; thrown when there is at least one.
public struct CompilationFailure: Error, Sendable, CustomStringConvertible {
  /// The problems, in the order they were found.
  public let errors: [CompilerError]

  /// Creates a failure from the problems found.
  public init(errors: [CompilerError]) {
    self.errors = errors
  }

  /// The codes of all problems, for quick checks.
  public var codes: [CompilerError.Code] { errors.map(\.code) }

  /// One line per problem: `workflow <wf>, node <id>: <message>`.
  public var description: String {
    let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
    return (["compilation failed with \(count):"] + errors.map { "  \($0)" }).joined(separator: "\n")
  }
}
