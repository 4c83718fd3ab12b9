public import FlyteIDL

/// The environment variables that deliver a task's requested secrets, as Flyte's secret
/// injector sets them for flytekit's `current_context().secrets.get(group, key)`:
///
/// - `_FSEC_<GROUP>_<KEY>` (upper-cased; `_FSEC_<GROUP>_<VERSION>_<KEY>` with a group version,
///   `_FSEC_<KEY>` without a group — flytekit joins the parts it has with `_`), the
///   variable flytekit reads first, for every request whatever its mount requirement (no
///   file is written: secrets never touch the disk);
/// - the request's own `env_var` name too, when it names one;
/// - `FLYTE_SECRETS_ENV_PREFIX=_FSEC_`, so a container env cannot redirect flytekit.
///
/// A request without a key delivers every key of the group the source holds. Only what the
/// task requests is delivered, and only from the sources for the task's project.
public struct SecretInjection: Sendable {
  /// flytekit's default prefix of secret variables (`FLYTE_SECRETS_ENV_PREFIX`).
  public static let environmentPrefix = "_FSEC_"

  /// Variables a request's `env_var` may not name: the ones the engine sets itself.
  static let reservedNames: Set<String> = ["PATH", "HOME", "TMPDIR", "PYTHONPATH", "LD_PRELOAD", "LD_LIBRARY_PATH"]

  let source: any SecretSource

  /// Injection from `source`.
  public init(source: any SecretSource) {
    self.source = source
  }

  /// The variables for `task`, run in `project`; empty when it requests no secrets. Throws
  /// when a requested secret is missing or unusable (the task must not start without it).
  public func variables(for task: Flyteidl_Core_TaskTemplate, project: String) throws(SecretError) -> [String: String] {
    let requests = task.securityContext.secrets
    guard !requests.isEmpty else { return [:] }
    var variables = ["FLYTE_SECRETS_ENV_PREFIX": Self.environmentPrefix]
    for request in requests {
      if !request.groupVersion.isEmpty { try SecretName.check(request.groupVersion, "group version") }
      guard !(request.group.isEmpty && request.key.isEmpty) else {
        throw SecretError(.invalidName, "a secret request names neither a group nor a key")
      }
      let keys = try request.key.isEmpty ? source.keys(in: request.group, project: project) : [request.key]
      guard !keys.isEmpty else { throw missing("group '\(request.group)'", project) }
      for key in keys {
        let name = try SecretName(group: request.group, key: key)
        guard let value = try source.secret(name, project: project) else { throw missing("'\(name)'", project) }
        let parts = [request.group, request.groupVersion, key].filter { !$0.isEmpty }.map { $0.uppercased() }
        variables[Self.environmentPrefix + parts.joined(separator: "_")] = value
        if !request.envVar.isEmpty {
          try Self.checkVariableName(request.envVar, for: name)
          variables[request.envVar] = value
        }
      }
    }
    return variables
  }

  private func missing(_ what: String, _ project: String) -> SecretError {
    SecretError(
      .notFound,
      "the task requests the secret \(what), which no source holds for project '\(project)' (looked in: "
        + source.summary + ")")
  }

  static func checkVariableName(_ name: String, for secret: SecretName) throws(SecretError) {
    let bytes = Array(name.utf8)
    let valid =
      !bytes.isEmpty && bytes.count <= 255 && !(bytes[0] >= UInt8(ascii: "0") && bytes[0] <= UInt8(ascii: "9"))
      && bytes.allSatisfy { byte in
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
          || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
          || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
      }
    guard valid, !reservedNames.contains(name), !name.hasPrefix("FLYTE_"), !name.hasPrefix("_F") else {
      throw SecretError(
        .invalidName,
        "the secret \(secret) asks for the environment variable '\(name.prefix(60))', which a task may not set"
          + " (use letters, digits and '_', not a FLYTE_* or engine variable)")
    }
  }
}
