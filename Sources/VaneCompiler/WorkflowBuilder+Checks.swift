import FlyteIDL
import VaneModel

extension WorkflowBuilder {
  /// Phase 3 for a top-level node: `upstream_node_ids`, bindings, and for branches the
  /// conditions and legs.
  mutating func checkTopLevelNode(_ id: String) {
    guard var node = nodes[id] else { return }
    node.upstreamNodeIds.sort()
    nodes[id] = node
    for upstreamID in node.upstreamNodeIds {
      if upstreamID == Self.startNodeID || nodes[upstreamID] != nil {
        addEdge(from: upstreamID, to: id, .both)
      } else {
        report(.unknownNode, id, "upstream_node_ids names '\(upstreamID)', which is not a node of this workflow")
      }
    }
    checkNode(node, direction: .both)
  }

  /// The failure node (`on_failure`): resolved and checked like a branch leg, linked upstream only.
  mutating func checkFailureNode(_ original: Flyteidl_Core_Node) {
    var node = original
    if node.id.isEmpty {
      report(.missingValue, nil, "the failure node has no id")
      return
    }
    if nodes[node.id] != nil || node.id == Self.startNodeID || node.id == Self.endNodeID {
      report(.duplicateNodeID, node.id, "the failure node's id '\(node.id)' is already used by another node")
      return
    }
    if let interface = resolveInterface(&node) { interfaces[node.id] = interface }
    failureNode = node
    checkNode(node, direction: .upstreamOnly)
  }

  /// The workflow outputs, as the bindings of `end-node`.
  mutating func checkWorkflowOutputs() {
    checkBindings(
      template.outputs, of: Self.endNodeID, params: interfaces[Self.endNodeID]?.inputs,
      direction: .both, missingCode: .unboundOutput)
  }

  /// Checks a node's bindings against its interface (or only their promises when the interface
  /// could not be resolved), then a branch's conditions and legs.
  mutating func checkNode(_ node: Flyteidl_Core_Node, direction: EdgeDirection) {
    let interface = interfaces[node.id]
    checkBindings(node.inputs, of: node.id, params: interface?.inputs, direction: direction)
    guard case .branchNode(let branch)? = node.target else { return }
    if let inputs = interface?.inputs {
      let ifElse = branch.ifElse
      let blocks = (ifElse.hasCase ? [ifElse.case] : []) + ifElse.other
      for block in blocks {
        if block.hasCondition {
          checkCondition(block.condition, branch: node.id, inputs: inputs)
        } else {
          report(.invalidCondition, node.id, "a case of the branch has no condition")
        }
      }
    }
    for leg in Self.legs(of: branch) where interfaces[leg.id] != nil {
      checkNode(leg, direction: .upstreamOnly)
    }
  }

  /// Reports comparisons of unknown variables or of types that cannot be compared.
  func checkCondition(
    _ expression: Flyteidl_Core_BooleanExpression, branch id: String, inputs: Flyteidl_Core_VariableMap
  ) {
    switch expression.expr {
    case .comparison(let comparison)?:
      let left = operandType(
        comparison.hasLeftValue ? comparison.leftValue : nil, side: "left", branch: id, inputs: inputs)
      let right = operandType(
        comparison.hasRightValue ? comparison.rightValue : nil, side: "right", branch: id, inputs: inputs)
      if let left, let right, !Self.comparable(left, right) {
        report(.invalidCondition, id, "the condition compares \(left.readable) with \(right.readable)")
      }
    case .conjunction(let conjunction)?:
      for (side, present, child) in [
        ("left", conjunction.hasLeftExpression, conjunction.leftExpression),
        ("right", conjunction.hasRightExpression, conjunction.rightExpression),
      ] {
        if present {
          checkCondition(child, branch: id, inputs: inputs)
        } else {
          report(.invalidCondition, id, "an and/or condition has no \(side) side")
        }
      }
    case nil:
      report(.invalidCondition, id, "a condition of the branch is empty")
    }
  }

  private func operandType(
    _ operand: Flyteidl_Core_Operand?, side: String, branch id: String, inputs: Flyteidl_Core_VariableMap
  ) -> Flyteidl_Core_LiteralType? {
    switch operand?.val {
    case .primitive(let primitive)?:
      var type = Flyteidl_Core_LiteralType()
      type.simple = LiteralTypeInference.type(of: primitive)
      return type
    case .scalar(let scalar)?:
      return LiteralTypeInference.type(of: scalar)
    case .var(let name)?:
      if let variable = inputs.variables[name] { return variable.type }
      let known = inputs.variables.keys.sorted().joined(separator: ", ")
      report(
        .unknownVariable, id,
        "the condition reads '\(name)', which is not an input of the branch (inputs: \(known.isEmpty ? "none" : known))"
      )
      return nil
    case nil:
      report(.invalidCondition, id, "the \(side) side of a comparison is empty")
      return nil
    }
  }

  /// Equal types compare; `none` compares with anything (an `is None` test); an optional
  /// compares with its variants.
  static func comparable(_ left: Flyteidl_Core_LiteralType, _ right: Flyteidl_Core_LiteralType) -> Bool {
    if stripped(left) == stripped(right) || LiteralTypeCasting.isNone(left) || LiteralTypeCasting.isNone(right) {
      return true
    }
    if case .unionType(let union)? = left.type, union.variants.contains(where: { stripped($0) == stripped(right) }) {
      return true
    }
    if case .unionType(let union)? = right.type, union.variants.contains(where: { stripped($0) == stripped(left) }) {
      return true
    }
    return false
  }

  private static func stripped(_ type: Flyteidl_Core_LiteralType) -> Flyteidl_Core_LiteralType {
    var copy = type
    copy.clearMetadata()
    copy.clearAnnotation()
    copy.clearStructure()
    return copy
  }
}
