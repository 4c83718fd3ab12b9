/// The key of an execution resource: project, domain and execution name.
///
/// Keys order by the UTF-8 bytes of project, then domain, then name — the order `list` pages
/// in, the same as SQLite's default collation and etcd's byte order.
public struct ResourceKey: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The project, for example `flytesnacks`.
  public var project: String
  /// The domain, for example `development`.
  public var domain: String
  /// The execution name, unique within project and domain.
  public var name: String

  /// Creates a key from its parts.
  public init(project: String, domain: String, name: String) {
    self.project = project
    self.domain = domain
    self.name = name
  }

  /// `project/domain/name`.
  public var description: String { "\(project)/\(domain)/\(name)" }

  public static func < (lhs: ResourceKey, rhs: ResourceKey) -> Bool {
    if lhs.project != rhs.project { return lhs.project.utf8.lexicographicallyPrecedes(rhs.project.utf8) }
    if lhs.domain != rhs.domain { return lhs.domain.utf8.lexicographicallyPrecedes(rhs.domain.utf8) }
    return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
  }

  /// Throws `invalidArgument` when a part is empty.
  func validate(_ operation: String) throws(StoreError) {
    guard !project.isEmpty, !domain.isEmpty, !name.isEmpty else {
      throw StoreError(
        .invalidArgument, "resource key '\(self)' needs a non-empty project, domain and name",
        operation: operation)
    }
  }
}

/// The version of a resource. It grows with every change to the resource and is what `update`
/// compares and swaps on.
///
/// In `SQLiteResourceStore` it is a store-wide revision (like etcd's mod revision): every
/// create, update, abort request and delete takes the next number, so a version never repeats,
/// not even for a deleted and re-created key, and events can be ordered across keys.
public typealias ResourceVersion = Int64
