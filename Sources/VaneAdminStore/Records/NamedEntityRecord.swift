/// A task, workflow or launch plan name with its metadata (flyteidl's `admin.NamedEntity`):
/// what applies to every version of the name. A name has one as soon as one version is
/// registered; until its metadata is updated the description is empty and the state active.
public struct NamedEntityRecord: Sendable, Hashable {
  public var kind: EntityKind
  public var name: EntityName
  /// Free text, at most `NamedEntityRecord.maximumDescription` characters.
  public var description: String
  /// `admin.NamedEntityState`: 0 active, 1 archived, 2 system generated.
  public var state: Int

  /// FlyteAdmin keeps descriptions in a `varchar(300)` column; the same bound here.
  public static let maximumDescription = 300

  public init(kind: EntityKind, name: EntityName, description: String = "", state: Int = 0) {
    self.kind = kind
    self.name = name
    self.description = description
    self.state = state
  }
}
