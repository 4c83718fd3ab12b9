import FlyteIDL

/// Text for branch conditions: `n0.o0 > 3 and x == "a"`.
enum ConditionText {
  static func describe(_ expression: Flyteidl_Core_BooleanExpression) -> String {
    switch expression.expr {
    case .comparison(let comparison)?:
      return "\(operand(comparison.leftValue)) \(symbol(comparison.operator)) \(operand(comparison.rightValue))"
    case .conjunction(let conjunction)?:
      let joiner = conjunction.operator == .and ? "and" : "or"
      return "(\(describe(conjunction.leftExpression)) \(joiner) \(describe(conjunction.rightExpression)))"
    case nil:
      return "<no condition>"
    }
  }

  private static func operand(_ operand: Flyteidl_Core_Operand) -> String {
    switch operand.val {
    case .primitive(let primitive)?: return LiteralText.primitive(primitive)
    case .var(let name)?: return name
    case .scalar(let scalar)?: return LiteralText.scalar(scalar)
    case nil: return "<unset>"
    }
  }

  private static func symbol(_ op: Flyteidl_Core_ComparisonExpression.Operator) -> String {
    switch op {
    case .eq: "=="
    case .neq: "!="
    case .gt: ">"
    case .gte: ">="
    case .lt: "<"
    case .lte: "<="
    case .UNRECOGNIZED(let value): "op(\(value))"
    }
  }
}
