/// Secrets given to the engine as environment variables `VANE_SECRET_<GROUP>_<KEY>` (group
/// and key upper-cased, `-` and `.` written as `_`), shared by every project. The engine's
/// environment never reaches tasks as a whole (see `TaskEnvironment`), so these variables
/// reach only the tasks that request them.
public struct EnvironmentSecretSource: SecretSource {
  /// The prefix of the engine's variables that hold secrets.
  public static let prefix = "VANE_SECRET_"

  private let values: [String: String]

  /// A source over `environment` (the engine's own by default); only `VANE_SECRET_*` is kept.
  public init(environment: [String: String]) {
    values = environment.filter { $0.key.hasPrefix(Self.prefix) }
  }

  public var summary: String { "the engine's environment variables \(Self.prefix)<GROUP>_<KEY>" }

  /// The variable that holds `group`/`key` (`VANE_SECRET_<KEY>` without a group).
  public static func variable(group: String, key: String) -> String {
    prefix + (group.isEmpty ? "" : normalized(group) + "_") + normalized(key)
  }

  public func secret(_ name: SecretName, project: String) throws(SecretError) -> String? {
    values[Self.variable(group: name.group, key: name.key)]
  }

  public func keys(in group: String, project: String) throws(SecretError) -> [String] {
    // `<GROUP>_<KEY>` cannot be split back into a key when the group holds `_`; a request
    // for a whole group is served by directory sources.
    []
  }

  static func normalized(_ part: String) -> String {
    String(part.uppercased().map { $0 == "-" || $0 == "." ? "_" : $0 })
  }
}
