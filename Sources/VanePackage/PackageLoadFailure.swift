/// Loading a package failed; holds every problem found, in the order found.
public struct PackageLoadFailure: Error, Sendable, CustomStringConvertible {
  /// All problems found; never empty.
  public let errors: [PackageError]

  /// Creates a failure from the problems found.
  public init(_ errors: [PackageError]) {
    self.errors = errors
  }

  /// The codes of all problems, in order.
  public var codes: [PackageError.Code] { errors.map(\.code) }

  /// One line per problem: `<where>: <message>`.
  public var description: String {
    errors.map(\.description).joined(separator: "\n")
  }
}
