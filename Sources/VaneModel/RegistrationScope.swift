public import FlyteIDL

/// The project, domain and version that registration gives to entities whose identifiers
/// leave them empty, as `pyflyte package` output does.
///
/// A field counts as empty when it is the empty string or one of flytekit's registration
/// placeholders (`{{ registration.project }}`, `{{ registration.domain }}`,
/// `{{ registration.version }}`, spacing and case ignored). Fields that are set are kept.
public struct RegistrationScope: Hashable, Sendable {
  /// The project given to identifiers without one.
  public var project: String
  /// The domain given to identifiers without one.
  public var domain: String
  /// The version given to identifiers without one.
  public var version: String

  /// Creates a scope.
  public init(project: String, domain: String, version: String) {
    self.project = project
    self.domain = domain
    self.version = version
  }

  /// Fills the empty project, domain and version of `identifier`, and sets its resource type
  /// to `resourceType` when it has none.
  public func fill(_ identifier: inout Flyteidl_Core_Identifier, as resourceType: Flyteidl_Core_ResourceType) {
    if Self.isUnset(identifier.project, placeholder: "project") {
      identifier.project = project
    }
    if Self.isUnset(identifier.domain, placeholder: "domain") {
      identifier.domain = domain
    }
    if Self.isUnset(identifier.version, placeholder: "version") {
      identifier.version = version
    }
    if identifier.resourceType == .unspecified {
      identifier.resourceType = resourceType
    }
  }

  /// Whether `value` is empty or flytekit's `{{ registration.<field> }}` placeholder.
  static func isUnset(_ value: String, placeholder field: String) -> Bool {
    if value.isEmpty { return true }
    guard value.hasPrefix("{{"), value.hasSuffix("}}") else { return false }
    let compact = value.filter { !$0.isWhitespace }.lowercased()
    return compact == "{{registration.\(field)}}"
  }
}
