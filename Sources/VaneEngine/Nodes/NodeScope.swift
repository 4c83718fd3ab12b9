import FlyteIDL
import VaneData
import VaneModel

/// A graph of nodes executed together — the workflow itself, a subworkflow inside a node, or
/// later a dynamic subgraph — with the inputs its start node provides and where its nodes
/// keep their data.
struct NodeScope {
  let graph: WorkflowGraph
  /// Where the scope's task and subworkflow references resolve: the execution's closure, or a
  /// dynamic node's compiled subgraph.
  let plan: ExecutionPlan
  /// What the start node provides: the workflow's or subworkflow's inputs.
  let inputs: Flyteidl_Core_LiteralMap
  /// For nested scopes: the unique id and attempt of the node that owns the scope, and its
  /// output directory (nested nodes keep their data under it).
  let parent: Parent?
  let executionDirectory: DataURI
  /// How many scopes enclose this one (0 for the workflow itself): bounds a recursive
  /// `@dynamic` (see `SpecLimits.maxNestingDepth`).
  var depth = 0

  struct Parent {
    let uniqueID: String
    let attempt: UInt32
    let outputDirectory: DataURI
  }

  var failurePolicy: Flyteidl_Core_WorkflowMetadata.OnFailurePolicy {
    graph.template.metadata.onFailure
  }

  /// The node's id unique within the execution, as Flyte builds it.
  func uniqueID(of nodeID: String) -> String {
    guard let parent else { return nodeID }
    return UniqueID.node(nodeID, parentUniqueID: parent.uniqueID, parentAttempt: parent.attempt)
  }

  /// Where node `nodeID` keeps its inputs and the outputs of `attempt`.
  func paths(of nodeID: String, attempt: UInt32, layout: DataLayout) -> NodeDataPaths {
    if let parent {
      return layout.nestedNode(nodeID, attempt: attempt, parentOutputDirectory: parent.outputDirectory)
    }
    return layout.topLevelNode(nodeID, attempt: attempt, executionDirectory: executionDirectory)
  }
}
