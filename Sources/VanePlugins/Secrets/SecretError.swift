public import VaneModel

/// Why a task's secrets could not be delivered. Messages name the secret and where it was
/// looked for, never a value.
public struct SecretError: VaneError, Hashable {
  /// The stable kind of failure.
  public enum Code: String, Hashable, Sendable, CaseIterable {
    /// A group or key is not usable as a name.
    case invalidName
    /// No source holds the requested secret for the task's project.
    case notFound
    /// The secret exists but cannot be read (permissions, not UTF-8, too large).
    case unreadable
  }

  /// The stable kind of failure.
  public var code: Code
  /// What is wrong and what to do about it.
  public var message: String

  /// Creates an error.
  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var location: String? { nil }

  public var description: String { message }
}
