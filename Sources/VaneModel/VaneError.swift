/// An error Vane reports to a person or a client: a stable code to branch on, a message a user
/// can act on, where it happened, and what caused it.
///
/// Every layer has one error type conforming to this protocol (the compiler's, the data
/// store's, the engine's, the admin side's, …), so an edge — the command line, a gRPC service,
/// an event — renders and classifies any of them the same way, and a cause travels with the
/// error instead of being flattened into its message.
public protocol VaneError: Error, Sendable, CustomStringConvertible {
  /// The layer's stable kinds of failure. Raw values are the code's one spelling, in lower
  /// camel case (`notFound`, `typeMismatch`), and never change once released.
  associatedtype Code: RawRepresentable & Hashable & Sendable where Code.RawValue == String

  /// What went wrong, as a stable code. Callers branch on this, never on the message.
  var code: Code { get }
  /// What went wrong and, where possible, what to do about it — without the location.
  var message: String { get }
  /// Where it happened: a URI, an entity id, a workflow and node, a configuration key and line;
  /// nil when nowhere in particular.
  var location: String? { get }
  /// The error this one wraps, if any.
  var cause: (any Error)? { get }
}

extension VaneError {
  /// The code's stable spelling, for logs, exit messages and wire formats.
  public var codeName: String { code.rawValue }

  /// No cause unless the conforming type keeps one.
  public var cause: (any Error)? { nil }

  /// `<location>: <message>`, or the message alone when there is no location.
  public var description: String {
    guard let location, !location.isEmpty else { return message }
    return "\(location): \(message)"
  }
}
