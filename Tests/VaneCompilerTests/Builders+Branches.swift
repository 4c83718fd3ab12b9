import FlyteIDL

// MARK: branches

func operand(`var` name: String) -> Flyteidl_Core_Operand {
  var operand = Flyteidl_Core_Operand()
  operand.var = name
  return operand
}

func operand(_ value: Flyteidl_Core_Primitive.OneOf_Value) -> Flyteidl_Core_Operand {
  var operand = Flyteidl_Core_Operand()
  operand.primitive = primitive(value)
  return operand
}

func compare(
  _ left: Flyteidl_Core_Operand, _ op: Flyteidl_Core_ComparisonExpression.Operator, _ right: Flyteidl_Core_Operand
) -> Flyteidl_Core_BooleanExpression {
  var comparison = Flyteidl_Core_ComparisonExpression()
  comparison.leftValue = left
  comparison.operator = op
  comparison.rightValue = right
  var expression = Flyteidl_Core_BooleanExpression()
  expression.comparison = comparison
  return expression
}

func and(
  _ left: Flyteidl_Core_BooleanExpression, _ right: Flyteidl_Core_BooleanExpression
) -> Flyteidl_Core_BooleanExpression {
  var conjunction = Flyteidl_Core_ConjunctionExpression()
  conjunction.leftExpression = left
  conjunction.operator = .and
  conjunction.rightExpression = right
  var expression = Flyteidl_Core_BooleanExpression()
  expression.conjunction = conjunction
  return expression
}

enum Otherwise {
  case node(Flyteidl_Core_Node)
  case fail(String)
  case nothing
}

func branchNode(
  _ id: String, _ inputs: [Flyteidl_Core_Binding], cases: [(Flyteidl_Core_BooleanExpression, Flyteidl_Core_Node)],
  otherwise: Otherwise
) -> Flyteidl_Core_Node {
  var ifElse = Flyteidl_Core_IfElseBlock()
  let blocks = cases.map { condition, then in
    var block = Flyteidl_Core_IfBlock()
    block.condition = condition
    block.thenNode = then
    return block
  }
  if let first = blocks.first { ifElse.case = first }
  ifElse.other = Array(blocks.dropFirst())
  switch otherwise {
  case .node(let node): ifElse.elseNode = node
  case .fail(let message):
    var error = Flyteidl_Core_Error()
    error.failedNodeID = id
    error.message = message
    ifElse.error = error
  case .nothing: break
  }
  var branch = Flyteidl_Core_BranchNode()
  branch.ifElse = ifElse
  var node = Flyteidl_Core_Node()
  node.id = id
  node.inputs = inputs
  node.branchNode = branch
  return node
}
