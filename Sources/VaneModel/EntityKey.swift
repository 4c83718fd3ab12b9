public import FlyteIDL

/// The full name of a registered entity: project, domain, name and version (plus the optional
/// org). Unlike `Flyteidl_Core_Identifier` it ignores the resource type and unknown fields, so
/// it is a stable dictionary key for lookups within one kind of entity.
public struct EntityKey: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The project, for example `flytesnacks`.
  public var project: String
  /// The domain, for example `development`.
  public var domain: String
  /// The entity name, for example `mypkg.wf.add`.
  public var name: String
  /// The version the entity was registered with.
  public var version: String
  /// The organisation; empty for single-tenant deployments.
  public var org: String

  /// Creates a key from its parts.
  public init(project: String, domain: String, name: String, version: String, org: String = "") {
    self.project = project
    self.domain = domain
    self.name = name
    self.version = version
    self.org = org
  }

  /// Creates the key of a flyteidl identifier.
  public init(_ identifier: Flyteidl_Core_Identifier) {
    self.init(
      project: identifier.project, domain: identifier.domain, name: identifier.name,
      version: identifier.version, org: identifier.org)
  }

  /// The flyteidl identifier with this key and the given resource type.
  public func identifier(_ resourceType: Flyteidl_Core_ResourceType) -> Flyteidl_Core_Identifier {
    var identifier = Flyteidl_Core_Identifier()
    identifier.resourceType = resourceType
    identifier.project = project
    identifier.domain = domain
    identifier.name = name
    identifier.version = version
    identifier.org = org
    return identifier
  }

  /// `project:domain:name:version`, prefixed with `org:` when the org is set.
  public var description: String {
    let parts = [project, domain, name, version].joined(separator: ":")
    return org.isEmpty ? parts : "\(org):\(parts)"
  }

  public static func < (lhs: EntityKey, rhs: EntityKey) -> Bool {
    (lhs.org, lhs.project, lhs.domain, lhs.name, lhs.version)
      < (rhs.org, rhs.project, rhs.domain, rhs.name, rhs.version)
  }
}
