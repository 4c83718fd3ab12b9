import FlyteIDL

/// The three kinds of file `pyflyte package` writes, told apart by their name's suffix.
enum EntityFileKind: Int, Hashable, Sendable, CaseIterable {
  /// `*_1.pb`: an `admin.TaskSpec`.
  case task = 1
  /// `*_2.pb`: an `admin.WorkflowSpec`.
  case workflow = 2
  /// `*_3.pb`: an `admin.LaunchPlan`.
  case launchPlan = 3

  /// The kind of the file named `fileName`; `nil` for any other file, which is ignored.
  init?(fileName: String) {
    guard fileName.hasSuffix(".pb") else { return nil }
    let stem = fileName.dropLast(".pb".count)
    guard let underscore = stem.lastIndex(of: "_"), underscore > stem.startIndex,
      let digit = Int(stem[stem.index(after: underscore)...]),
      let kind = EntityFileKind(rawValue: digit), stem[stem.index(after: underscore)...].count == 1
    else { return nil }
    self = kind
  }

  /// The proto message such a file holds.
  var messageName: String {
    switch self {
    case .task: "flyteidl.admin.TaskSpec"
    case .workflow: "flyteidl.admin.WorkflowSpec"
    case .launchPlan: "flyteidl.admin.LaunchPlan"
    }
  }

  /// Noun for messages: "task", "workflow", "launch plan".
  var noun: String {
    switch self {
    case .task: "task"
    case .workflow: "workflow"
    case .launchPlan: "launch plan"
    }
  }

  /// The resource type its identifier must have.
  var resourceType: Flyteidl_Core_ResourceType {
    switch self {
    case .task: .task
    case .workflow: .workflow
    case .launchPlan: .launchPlan
    }
  }

  /// The file-name suffix: `_1.pb`, `_2.pb` or `_3.pb`.
  var suffix: String { "_\(rawValue).pb" }
}
