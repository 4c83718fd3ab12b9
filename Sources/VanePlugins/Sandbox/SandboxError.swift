public import VaneModel

/// Why the sandbox cannot be used on this machine; reported when the server or `vane run`
/// starts, never as a task failure.
public struct SandboxError: VaneError, Hashable {
  /// The stable kinds of failure.
  public enum Code: String, Hashable, Sendable {
    /// `bwrap` (or `prlimit`) is not installed or not executable.
    case executableNotFound
    /// bubblewrap is installed but cannot create a sandbox here (no user namespaces, a
    /// seccomp filter, a container without the needed privileges).
    case probeFailed
  }

  public var code: Code
  public var message: String
  /// The executable concerned.
  public var location: String?

  public init(_ code: Code, _ message: String, location: String? = nil) {
    self.code = code
    self.message = message
    self.location = location
  }
}
