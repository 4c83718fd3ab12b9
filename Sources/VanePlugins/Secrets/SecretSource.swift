/// Where task secrets come from: a configured source the engine reads when a task that
/// requests secrets (`secret_requests` in flytekit, `security_context.secrets` in the
/// template) is about to start. Values are handed to the task process only; the engine never
/// writes them to logs, events or the data directory.
public protocol SecretSource: Sendable {
  /// The value of `group`/`key` for tasks of `project`, or nil when this source has none.
  /// Throws a ``SecretError`` when the secret exists but cannot be read.
  func secret(_ name: SecretName, project: String) throws(SecretError) -> String?

  /// The keys this source holds in `group` for tasks of `project` (for a request that names a
  /// group without a key: every key of the group is delivered).
  func keys(in group: String, project: String) throws(SecretError) -> [String]

  /// Where this source looks, for messages (never a value).
  var summary: String { get }
}

/// A source with no secrets: the default when none is configured.
public struct NoSecrets: SecretSource {
  /// The empty source.
  public init() {}

  public func secret(_ name: SecretName, project: String) throws(SecretError) -> String? { nil }

  public func keys(in group: String, project: String) throws(SecretError) -> [String] { [] }

  public var summary: String { "no secret source is configured (vane run --secrets-dir, or secrets.directory)" }
}
