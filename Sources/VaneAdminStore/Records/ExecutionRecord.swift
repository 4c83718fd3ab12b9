public import Foundation

/// An execution created through the admin API: its name (the engine's resource key), the
/// launch plan and workflow it runs, the encoded `admin.ExecutionSpec` it was created with, and
/// its archive state. Its phase and outputs live in the engine's execution resource.
public struct ExecutionRecord: Sendable, Hashable {
  public var name: EntityName
  /// `project:domain:name:version` of the launch plan (empty when none).
  public var launchPlan: String
  /// `project:domain:name:version` of the workflow.
  public var workflow: String
  /// The deterministic binary encoding of the `admin.ExecutionSpec`.
  public var spec: Data
  public var createdAt: Date
  /// `admin.ExecutionState`: 0 active, 1 archived. Listings hide archived executions unless
  /// asked (that is the admin logic's choice; the store filters on `state` like any field).
  public var state: Int
  /// When and by whom `state` last changed; nil and empty while it never did.
  public var stateChangedAt: Date?
  public var stateChangedBy: String

  public init(
    name: EntityName, launchPlan: String, workflow: String, spec: Data, createdAt: Date, state: Int = 0,
    stateChangedAt: Date? = nil, stateChangedBy: String = ""
  ) {
    self.name = name
    self.launchPlan = launchPlan
    self.workflow = workflow
    self.spec = spec
    self.createdAt = createdAt
    self.state = state
    self.stateChangedAt = stateChangedAt
    self.stateChangedBy = stateChangedBy
  }
}
