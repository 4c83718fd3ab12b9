public import Foundation
public import VaneAdmin

/// One client Vane knows: a Vane client that gets tokens with its id and secret (only the
/// secret's SHA-256 is stored), or an external issuer's subject whose tokens Vane accepts;
/// either way with a role per project.
public struct ClientRecord: Sendable, Hashable, Codable {
  /// The client id (the token's `sub`).
  public var id: String
  /// Hex SHA-256 of the secret; nil for an external subject, which gets tokens elsewhere.
  public var secretSHA256: String?
  /// For an external subject: the issuer whose tokens name it. Nil for Vane clients.
  public var issuer: String?
  /// Project (or `*`) → role.
  public var roles: [String: Role]
  public var created: Date

  public init(id: String, secretSHA256: String?, issuer: String?, roles: [String: Role], created: Date) {
    self.id = id
    self.secretSHA256 = secretSHA256
    self.issuer = issuer
    self.roles = roles
    self.created = created
  }

  /// `project=role,…` in a stable order, for listings.
  public var rolesText: String { Self.describe(roles) }

  /// `project=role,…` in a stable order.
  public static func describe(_ roles: [String: Role]) -> String {
    roles.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.rawValue)" }.joined(separator: ",")
  }
}
