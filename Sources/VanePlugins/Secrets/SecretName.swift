/// A secret's group and key, checked to be safe as path components and environment variable
/// names: 1 to 253 of `A-Z a-z 0-9 _ - .`, not `.` or `..`. The group may be empty (flytekit
/// allows `Secret(key=…)`): such a secret lives directly under a scope directory.
public struct SecretName: Hashable, Sendable, CustomStringConvertible {
  /// The group (a Kubernetes secret's name in Flyte); empty for a secret without one.
  public let group: String
  /// The key within the group.
  public let key: String

  /// A checked name, or a ``SecretError`` saying which part is unusable.
  public init(group: String, key: String) throws(SecretError) {
    if !group.isEmpty { try Self.check(group, "group") }
    try Self.check(key, "key")
    self.group = group
    self.key = key
  }

  public var description: String { group.isEmpty ? key : "\(group)/\(key)" }

  /// `<group>/<key>`, or `<key>` without a group: the path below a scope directory.
  public var relativePath: String { description }

  /// Throws unless `part` is usable as a path component and in an environment variable name.
  static func check(_ part: String, _ what: String) throws(SecretError) {
    let allowed = part.utf8.allSatisfy { byte in
      (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
    guard !part.isEmpty, part.utf8.count <= 253, allowed, part != ".", part != ".." else {
      throw SecretError(
        .invalidName,
        "the secret \(what) '\(part.prefix(60))' is not usable: use 1 to 253 letters, digits, '_', '-' or '.'")
    }
  }
}
