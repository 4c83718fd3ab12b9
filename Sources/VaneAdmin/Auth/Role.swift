/// What a client may do in a project. Each role includes the ones below it:
/// `read` < `write` < `admin`.
///
/// - `read`: get and list anything in the project (entities, executions, their data).
/// - `write`: also register entities, launch, terminate, relaunch and recover executions,
///   set signals and upload code.
/// - `admin`: also change the project itself (update it, its matchable attributes).
public enum Role: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
  case read
  case write
  case admin

  private var rank: Int {
    switch self {
    case .read: 0
    case .write: 1
    case .admin: 2
    }
  }

  public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

  /// Parses `read`, `write` or `admin` (case-insensitive).
  public init?(name: String) {
    self.init(rawValue: name.lowercased())
  }
}
