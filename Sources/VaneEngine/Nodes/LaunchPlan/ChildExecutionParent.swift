import FlyteIDL
import SwiftProtobuf
import VaneData
import VaneModel

/// What a child execution takes from its parent: the parent's id, config, code archive and
/// launch plans, where data lives, the round's time, and which node launched it. A `Sendable`
/// copy of those facts of a round, so a plugin-like collaborator (an array item running a
/// launch plan) can build child specs without holding the round.
struct ChildExecutionParent: Sendable {
  let executionID: Flyteidl_Core_WorkflowExecutionIdentifier
  let spec: Vane_ExecutionSpec
  let layout: DataLayout
  let timestamp: Google_Protobuf_Timestamp
  /// The unique id of the parent's node the child is linked to (for an array item: the array
  /// node, the node Flyte's admin knows).
  let nodeUniqueID: String

  init(round: RoundContext, nodeUniqueID: String) {
    executionID = round.executionID
    spec = round.spec
    layout = round.layout
    timestamp = round.timestamp
    self.nodeUniqueID = nodeUniqueID
  }

  /// The execution id of child execution `name` (same project, domain and org as the parent).
  func childID(_ name: String) -> Flyteidl_Core_WorkflowExecutionIdentifier {
    Self.childID(name, of: executionID)
  }

  /// The execution id of child execution `name` of execution `parent`.
  static func childID(
    _ name: String, of parent: Flyteidl_Core_WorkflowExecutionIdentifier
  ) -> Flyteidl_Core_WorkflowExecutionIdentifier {
    var id = Flyteidl_Core_WorkflowExecutionIdentifier()
    id.project = parent.project
    id.domain = parent.domain
    id.name = name
    if !parent.org.isEmpty { id.org = parent.org }
    return id
  }
}
