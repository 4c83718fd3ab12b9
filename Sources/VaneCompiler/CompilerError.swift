public import VaneModel

/// One problem found while compiling a workflow: a stable code, a message a user can act on,
/// and where it happened (workflow name and node id; `node` is nil for workflow-level problems).
public struct CompilerError: VaneError, Hashable {
  /// Stable identifiers of compiler problems. Raw values never change once released.
  public enum Code: String, Sendable, Hashable, CaseIterable {
    /// A required field is missing (a node id, a binding value, a variable type, …).
    case missingValue
    /// The workflow has no nodes.
    case noNodes
    /// Two nodes share an id.
    case duplicateNodeID
    /// A node uses `start-node` or `end-node`, which the compiler reserves.
    case reservedNodeID
    /// The dependency graph has a cycle.
    case cycle
    /// A node cannot be reached from the start node.
    case unreachableNode
    /// A binding or `upstream_node_ids` names a node that does not exist.
    case unknownNode
    /// A task reference is not in the catalog.
    case unknownTask
    /// A sub-workflow reference is not among the sub-workflows or in the catalog.
    case unknownWorkflow
    /// A launch plan reference is not in the catalog.
    case unknownLaunchPlan
    /// A binding or condition names a variable the interface does not have.
    case unknownVariable
    /// An attribute path names a field the dataclass does not have.
    case unknownField
    /// A value's type does not fit where it is bound.
    case typeMismatch
    /// A required input has no binding.
    case missingRequiredInput
    /// A workflow output has no binding.
    case unboundOutput
    /// An input is bound more than once.
    case duplicateBinding
    /// Two output aliases rename the same variable.
    case duplicateAlias
    /// A literal enum value is not one of the enum's values.
    case invalidEnumValue
    /// A collection or map bound into a union fits more than one variant.
    case ambiguousUnionBinding
    /// A collection or map bound into a union fits no variant.
    case incompatibleUnionBinding
    /// A promise's variable name cannot be parsed.
    case invalidVariableName
    /// A binding holds a kind of value the compiler does not recognise.
    case unsupportedBinding
    /// A branch node is malformed (no condition, no then-node, no else, mismatched outputs).
    case invalidBranch
    /// A branch condition is malformed or compares incompatible types.
    case invalidCondition
    /// An array node is malformed.
    case invalidArrayNode
    /// A gate node is malformed.
    case invalidGate
    /// A node has no target (task, workflow, branch, gate or array).
    case missingTarget
    /// A duration or count is negative or beyond what Vane accepts (see `SpecLimits`).
    case outOfRange
  }

  /// What went wrong, as a stable code.
  public let code: Code
  /// What went wrong and what to do about it.
  public let message: String
  /// The name of the workflow being compiled.
  public let workflow: String
  /// The id of the node at fault, or nil for a workflow-level problem.
  public let node: String?

  /// Creates an error.
  public init(code: Code, message: String, workflow: String, node: String?) {
    self.code = code
    self.message = message
    self.workflow = workflow
    self.node = node
  }

  /// `workflow <wf>, node <id>` (or `workflow <wf>`); the description is
  /// `<location>: <message>`.
  public var location: String? {
    if let node { return "workflow \(workflow), node \(node)" }
    return "workflow \(workflow)"
  }

  public var description: String { "\(location ?? ""): \(message)" }
}
