public import Foundation

/// An execution created through the admin API: its name (the engine's resource key), the
/// launch plan and workflow it runs, and the encoded `admin.ExecutionSpec` it was created with.
/// Its phase and outputs live in the engine's execution resource.
public struct ExecutionRecord: Sendable, Hashable {
  public var name: EntityName
  /// `project:domain:name:version` of the launch plan (empty when none).
  public var launchPlan: String
  /// `project:domain:name:version` of the workflow.
  public var workflow: String
  /// The deterministic binary encoding of the `admin.ExecutionSpec`.
  public var spec: Data
  public var createdAt: Date

  public init(name: EntityName, launchPlan: String, workflow: String, spec: Data, createdAt: Date) {
    self.name = name
    self.launchPlan = launchPlan
    self.workflow = workflow
    self.spec = spec
    self.createdAt = createdAt
  }
}
