public import Foundation
public import VaneModel

/// The kinds of registered entity; raw values are flyteidl's `core.ResourceType` numbers.
public enum EntityKind: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case task = 1
  case workflow = 2
  case launchPlan = 3

  public var description: String {
    switch self {
    case .task: "task"
    case .workflow: "workflow"
    case .launchPlan: "launch plan"
    }
  }
}

/// One registered task, workflow or launch plan as the admin store keeps it.
///
/// `spec` is the deterministic binary encoding of the admin spec (`TaskSpec`, `WorkflowSpec`,
/// `LaunchPlanSpec`): two registrations are identical when these bytes are equal. `closure` is
/// the encoded closure (`TaskClosure`, `WorkflowClosure` with the compiled workflow,
/// `LaunchPlanClosure`); the launch plan state lives in `state`, not in the closure bytes.
public struct RegisteredEntity: Sendable, Hashable {
  public var kind: EntityKind
  public var key: EntityKey
  public var spec: Data
  public var closure: Data
  /// `admin.LaunchPlanState` (0 inactive, 1 active); 0 for tasks and workflows.
  public var state: Int
  public var createdAt: Date
  public var updatedAt: Date

  /// Creates a record.
  public init(
    kind: EntityKind, key: EntityKey, spec: Data, closure: Data, state: Int = 0, createdAt: Date,
    updatedAt: Date? = nil
  ) {
    self.kind = kind
    self.key = key
    self.spec = spec
    self.closure = closure
    self.state = state
    self.createdAt = createdAt
    self.updatedAt = updatedAt ?? createdAt
  }
}

/// What `AdminStore.register` did.
public enum RegistrationOutcome: Sendable, Hashable {
  /// The entity was new and is now stored.
  case created
  /// An entity with the same id and the same spec was stored already; nothing changed.
  case identical
}

/// A project, domain and name: what `List*Ids` and `GetActiveLaunchPlan` work on.
public struct EntityName: Sendable, Hashable {
  public var org: String
  public var project: String
  public var domain: String
  public var name: String

  public init(org: String = "", project: String, domain: String, name: String) {
    self.org = org
    self.project = project
    self.domain = domain
    self.name = name
  }
}
