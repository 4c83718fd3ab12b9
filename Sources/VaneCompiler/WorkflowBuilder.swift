import FlyteIDL
import VaneModel

/// Compiles one workflow template: resolves every node's interface, type-checks bindings,
/// builds the upstream/downstream connections and checks the graph.
///
/// The phases follow FlytePropeller's `ValidateWorkflow`:
/// 1. register top-level node ids (unique, not reserved) plus `start-node` (whose outputs are
///    the workflow inputs) and `end-node` (whose inputs are the workflow outputs);
/// 2. resolve each node's interface, lazily so a node can ask for an upstream node's interface;
/// 3. check bindings, `upstream_node_ids`, branch conditions and legs, adding edges;
/// 4. the failure node; the workflow outputs; start/end edges; cycles and reachability.
struct WorkflowBuilder {
  static let startNodeID = "start-node"
  static let endNodeID = "end-node"

  let session: CompileSession
  let template: Flyteidl_Core_WorkflowTemplate
  let name: String

  /// Top-level nodes by id (rewritten as the compiler goes: branch legs renamed).
  var nodes: [String: Flyteidl_Core_Node] = [:]
  /// Top-level node ids in template order, duplicates and reserved ids left out.
  var order: [String] = []
  /// Resolved interfaces by node id: top-level nodes, branch legs, start and end nodes.
  var interfaces: [String: Flyteidl_Core_TypedInterface] = [:]
  /// Node ids whose interface could not be resolved (errors already reported).
  var failedInterfaces: Set<String> = []
  var resolving: Set<String> = []
  var upstream: [String: Set<String>] = [:]
  var downstream: [String: Set<String>] = [:]
  var failureNode: Flyteidl_Core_Node?

  private init(template: Flyteidl_Core_WorkflowTemplate, session: CompileSession) {
    self.template = template
    self.session = session
    let key = EntityKey(template.id)
    self.name = key.name.isEmpty ? "<unnamed workflow>" : key.name
  }

  /// Compiles `template`; errors go to the session. Returns nil when nothing can be built.
  static func compile(
    _ template: Flyteidl_Core_WorkflowTemplate, session: CompileSession
  ) -> Flyteidl_Core_CompiledWorkflow? {
    var builder = WorkflowBuilder(template: template, session: session)
    return builder.build()
  }

  private mutating func build() -> Flyteidl_Core_CompiledWorkflow? {
    guard !template.nodes.isEmpty else {
      report(.noNodes, nil, "the workflow has no nodes; add at least one task, sub-workflow or other node")
      return nil
    }
    registerNodes()
    for id in order { _ = interface(of: id) }
    for id in order.sorted() { checkTopLevelNode(id) }
    if template.hasFailureNode { checkFailureNode(template.failureNode) }
    checkWorkflowOutputs()
    linkStartAndEnd()
    checkGraph()
    return assemble()
  }

  private mutating func registerNodes() {
    var workflowInterface = Flyteidl_Core_TypedInterface()
    workflowInterface.inputs = template.interface.inputs
    workflowInterface.outputs = template.interface.outputs
    checkVariables(workflowInterface, node: nil)
    var start = Flyteidl_Core_TypedInterface()
    start.inputs = .init()
    start.outputs = workflowInterface.inputs
    interfaces[Self.startNodeID] = start
    var end = Flyteidl_Core_TypedInterface()
    end.inputs = workflowInterface.outputs
    end.outputs = .init()
    interfaces[Self.endNodeID] = end

    for node in template.nodes {
      if node.id.isEmpty {
        report(.missingValue, nil, "a node has no id; every node needs a unique id")
      } else if node.id == Self.startNodeID || node.id == Self.endNodeID {
        report(.reservedNodeID, node.id, "'\(node.id)' is reserved for the compiler; rename the node")
      } else if nodes[node.id] != nil {
        report(.duplicateNodeID, node.id, "more than one node has the id '\(node.id)'; node ids must be unique")
      } else {
        nodes[node.id] = node
        order.append(node.id)
      }
    }
  }

  /// Records an error against this workflow.
  func report(_ code: CompilerError.Code, _ node: String?, _ message: String) {
    session.errors.append(CompilerError(code: code, message: message, workflow: name, node: node))
  }

  /// Reports variables without a name or a type.
  func checkVariables(_ interface: Flyteidl_Core_TypedInterface, node: String?) {
    for (label, map) in [("input", interface.inputs), ("output", interface.outputs)] {
      for (variable, value) in map.variables.sorted(by: { $0.key < $1.key }) {
        if variable.isEmpty {
          report(.missingValue, node, "an \(label) has an empty name")
        } else if !value.hasType || value.type.type == nil {
          report(.missingValue, node, "\(label) '\(variable)' has no type")
        }
      }
    }
  }
}
