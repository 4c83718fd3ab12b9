import FlyteIDL
import VaneAdminStore
import VaneModel

/// Checks that a request names an entity fully (project, domain, name, version) and with the
/// right resource type.
enum IdentifierCheck {
  static func key(
    _ id: Flyteidl_Core_Identifier, _ kind: EntityKind, field: String = "id"
  ) throws(AdminError) -> EntityKey {
    var missing: [String] = []
    if id.project.isEmpty { missing.append("project") }
    if id.domain.isEmpty { missing.append("domain") }
    if id.name.isEmpty { missing.append("name") }
    if id.version.isEmpty { missing.append("version") }
    guard missing.isEmpty else {
      throw AdminError(
        .invalidArgument, "the identifier has no \(missing.joined(separator: ", ")); give all four parts",
        at: field)
    }
    let type = id.resourceType.rawValue
    guard type == 0 || type == kind.rawValue else {
      throw AdminError(.invalidArgument, "resource type \(id.resourceType) does not name a \(kind)", at: field)
    }
    return EntityKey(id)
  }

  /// The key with the version left out: for `GetActiveLaunchPlan` and listings.
  static func name(_ id: Flyteidl_Admin_NamedEntityIdentifier, field: String = "id") throws(AdminError) -> EntityName {
    var missing: [String] = []
    if id.project.isEmpty { missing.append("project") }
    if id.domain.isEmpty { missing.append("domain") }
    if id.name.isEmpty { missing.append("name") }
    guard missing.isEmpty else {
      throw AdminError(.invalidArgument, "the identifier has no \(missing.joined(separator: ", "))", at: field)
    }
    return EntityName(org: id.org, project: id.project, domain: id.domain, name: id.name)
  }
}

extension EntityKind {
  /// flyteidl's resource type for this kind.
  var resourceType: Flyteidl_Core_ResourceType {
    Flyteidl_Core_ResourceType(rawValue: rawValue) ?? .unspecified
  }
}
