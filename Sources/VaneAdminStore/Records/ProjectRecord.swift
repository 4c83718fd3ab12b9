public import Foundation

/// A project as the admin store keeps it: its id plus the encoded `admin.Project` message.
public struct ProjectRecord: Sendable, Hashable {
  public var org: String
  public var id: String
  /// The deterministic binary encoding of the `admin.Project`.
  public var project: Data
  public var createdAt: Date

  public init(org: String = "", id: String, project: Data, createdAt: Date) {
    self.org = org
    self.id = id
    self.project = project
    self.createdAt = createdAt
  }
}
