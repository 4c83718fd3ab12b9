public import VaneModel

/// Loading a package failed; holds every problem found, in the order found. Its code,
/// message and location are the first problem's.
public struct PackageLoadFailure: VaneError {
  /// All problems found; never empty.
  public let errors: [PackageError]

  /// Creates a failure from the problems found.
  public init(_ errors: [PackageError]) {
    self.errors = errors
  }

  /// The codes of all problems, in order.
  public var codes: [PackageError.Code] { errors.map(\.code) }

  public var code: PackageError.Code { errors.first?.code ?? .unreadable }
  public var message: String { errors.first?.message ?? "" }
  public var location: String? { errors.first?.location }

  /// One line per problem: `<where>: <message>`.
  public var description: String {
    errors.map(\.description).joined(separator: "\n")
  }
}
