public import FlyteIDL

extension Flyteidl_Core_Node {
  /// Calls `body` on this node and then on every node nested inside it, depth first: the
  /// `then` nodes of a branch's cases, its `else` node, and an array node's sub-node.
  /// Changes that `body` makes are kept. Workflow nodes are not followed into the
  /// workflows they reference.
  public mutating func visitNodes(_ body: (inout Flyteidl_Core_Node) -> Void) {
    body(&self)
    switch target {
    case .branchNode(var branch):
      guard branch.hasIfElse else { return }
      if branch.ifElse.hasCase, branch.ifElse.case.hasThenNode {
        branch.ifElse.case.thenNode.visitNodes(body)
      }
      for index in branch.ifElse.other.indices where branch.ifElse.other[index].hasThenNode {
        branch.ifElse.other[index].thenNode.visitNodes(body)
      }
      if case .elseNode(var elseNode) = branch.ifElse.default {
        elseNode.visitNodes(body)
        branch.ifElse.default = .elseNode(elseNode)
      }
      target = .branchNode(branch)
    case .arrayNode(var array):
      guard array.hasNode else { return }
      array.node.visitNodes(body)
      target = .arrayNode(array)
    case .taskNode, .workflowNode, .gateNode, nil:
      return
    }
  }
}

extension Flyteidl_Core_WorkflowTemplate {
  /// Calls `body` on every node of the workflow — its nodes, its failure node and every node
  /// nested inside them (see ``Flyteidl_Core_Node/visitNodes(_:)``), keeping the changes.
  public mutating func visitNodes(_ body: (inout Flyteidl_Core_Node) -> Void) {
    for index in nodes.indices {
      nodes[index].visitNodes(body)
    }
    if hasFailureNode {
      failureNode.visitNodes(body)
    }
  }
}
