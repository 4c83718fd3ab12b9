public import FlyteIDL
import SwiftProtobuf
public import VaneModel

/// Evaluates a branch condition against the branch node's inputs, with Flyte's rules: only
/// primitives of the same kind compare (`None` compares equal only to `None`), booleans only
/// with `==` / `!=`, datetimes and durations by whole seconds; `and` / `or` short-circuit.
public enum ConditionEvaluator {
  /// A condition that cannot be evaluated against the inputs.
  public struct Failure: VaneError, Hashable {
    public enum Code: String, Hashable, Sendable {
      /// The condition is empty, names a missing input, or compares what cannot be compared.
      case malformedCondition
    }

    public var code: Code { .malformedCondition }
    public let message: String
    public var location: String? { nil }
    public var description: String { message }
  }

  public static func evaluate(
    _ expression: Flyteidl_Core_BooleanExpression, inputs: Flyteidl_Core_LiteralMap
  ) throws(Failure) -> Bool {
    switch expression.expr {
    case .conjunction(let conjunction)?:
      let left = try evaluate(conjunction.leftExpression, inputs: inputs)
      switch conjunction.operator {
      case .and: return left ? try evaluate(conjunction.rightExpression, inputs: inputs) : false
      case .or: return left ? true : try evaluate(conjunction.rightExpression, inputs: inputs)
      case .UNRECOGNIZED(let value): throw Failure(message: "unknown logical operator \(value)")
      }
    case .comparison(let comparison)?:
      let left = try value(comparison.leftValue, inputs: inputs)
      let right = try value(comparison.rightValue, inputs: inputs)
      return try compare(left, right, comparison.operator)
    case nil:
      throw Failure(message: "the condition is empty")
    }
  }

  /// An operand's value: a primitive, or nil for `None`.
  private static func value(
    _ operand: Flyteidl_Core_Operand, inputs: Flyteidl_Core_LiteralMap
  ) throws(Failure) -> Flyteidl_Core_Primitive? {
    switch operand.val {
    case .primitive(let primitive)?:
      return primitive
    case .scalar(let scalar)?:
      return try primitive(of: scalar, what: "a literal operand")
    case .var(let name)?:
      guard let literal = inputs.literals[name] else {
        throw Failure(message: "the condition reads '\(name)', which is not an input of the branch node")
      }
      guard case .scalar(let scalar)? = literal.value else {
        throw Failure(message: "'\(name)' is not a primitive value; only primitives can be compared")
      }
      return try primitive(of: scalar, what: "'\(name)'")
    case nil:
      throw Failure(message: "an operand of the condition is empty")
    }
  }

  private static func primitive(
    of scalar: Flyteidl_Core_Scalar, what: String
  ) throws(Failure) -> Flyteidl_Core_Primitive? {
    switch scalar.value {
    case .primitive(let primitive)?: return primitive
    case .noneType?: return nil
    case .union(let union)?:
      guard case .scalar(let inner)? = union.value.value else {
        throw Failure(message: "\(what) is not a primitive value; only primitives can be compared")
      }
      return try primitive(of: inner, what: what)
    default:
      throw Failure(message: "\(what) is not a primitive value; only primitives can be compared")
    }
  }

  private static func compare(
    _ left: Flyteidl_Core_Primitive?, _ right: Flyteidl_Core_Primitive?,
    _ op: Flyteidl_Core_ComparisonExpression.Operator
  ) throws(Failure) -> Bool {
    guard let left, let right else {
      let equal = left == nil && right == nil
      switch op {
      case .eq: return equal
      case .neq: return !equal
      default: throw Failure(message: "None can only be compared with == or !=")
      }
    }
    let ordering: Ordering
    switch (left.value, right.value) {
    case (.integer(let a)?, .integer(let b)?): ordering = Ordering(a, b)
    case (.floatValue(let a)?, .floatValue(let b)?): ordering = Ordering(a, b)
    case (.stringValue(let a)?, .stringValue(let b)?): ordering = Ordering(a, b)
    case (.datetime(let a)?, .datetime(let b)?): ordering = Ordering(a.seconds, b.seconds)
    case (.duration(let a)?, .duration(let b)?): ordering = Ordering(a.seconds, b.seconds)
    case (.boolean(let a)?, .boolean(let b)?):
      switch op {
      case .eq: return a == b
      case .neq: return a != b
      default: throw Failure(message: "booleans can only be compared with == or !=")
      }
    default:
      throw Failure(message: "cannot compare \(kind(left)) with \(kind(right))")
    }
    switch op {
    case .eq: return ordering == .equal
    case .neq: return ordering != .equal
    case .gt: return ordering == .greater
    case .gte: return ordering != .less
    case .lt: return ordering == .less
    case .lte: return ordering != .greater
    case .UNRECOGNIZED(let value): throw Failure(message: "unknown comparison operator \(value)")
    }
  }

  private enum Ordering {
    case less, equal, greater

    init<T: Comparable>(_ a: T, _ b: T) {
      self = a < b ? .less : (a == b ? .equal : .greater)
    }
  }

  private static func kind(_ primitive: Flyteidl_Core_Primitive) -> String {
    switch primitive.value {
    case .integer?: "an int"
    case .floatValue?: "a float"
    case .stringValue?: "a str"
    case .boolean?: "a bool"
    case .datetime?: "a datetime"
    case .duration?: "a timedelta"
    case nil: "an empty value"
    }
  }
}
