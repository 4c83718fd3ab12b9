/// A change to a resource, delivered by `ResourceStore.watch()` after the change committed.
public struct ResourceEvent: Hashable, Sendable, CustomStringConvertible {
  /// What happened.
  public enum Kind: String, Hashable, Sendable {
    /// The resource was created.
    case created
    /// Its status was written or an abort was requested.
    case updated
    /// It was deleted.
    case deleted
  }

  /// What happened.
  public var kind: Kind
  /// Which resource.
  public var key: ResourceKey
  /// The version the change produced.
  public var version: ResourceVersion

  /// Creates an event.
  public init(_ kind: Kind, key: ResourceKey, version: ResourceVersion) {
    self.kind = kind
    self.key = key
    self.version = version
  }

  public var description: String { "\(kind) \(key) @\(version)" }
}

/// Which resources `list` returns.
public enum ResourceListFilter: Hashable, Sendable {
  /// Only resources whose last status was not terminal: what the periodic resync re-enqueues.
  case active
  /// Every resource.
  case all
}
