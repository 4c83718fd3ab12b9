/// Vane's version, in one place: `vane version`, `vane --version` and the server's `GetVersion`
/// answer all read it. Bump it when a release is cut.
public enum VaneVersion {
  public static let current = "0.1.0-dev"
  /// The Flyte release whose wire format and behaviour Vane follows.
  public static let flyte = "1.16"
}
