import FlyteIDL
import SwiftProtobuf
import Testing
import VaneTesting

@testable import VaneEngine

/// Branch conditions, with FlytePropeller's comparison rules.
@Suite("ConditionEvaluator")
struct ConditionEvaluatorTests {
  typealias Op = Flyteidl_Core_ComparisonExpression.Operator

  static func primitive(_ literal: Flyteidl_Core_Literal) -> Flyteidl_Core_Operand {
    var operand = Flyteidl_Core_Operand()
    operand.primitive = literal.scalar.primitive
    return operand
  }

  static func variable(_ name: String) -> Flyteidl_Core_Operand {
    var operand = Flyteidl_Core_Operand()
    operand.var = name
    return operand
  }

  static func compare(
    _ left: Flyteidl_Core_Operand, _ op: Op, _ right: Flyteidl_Core_Operand
  ) -> Flyteidl_Core_BooleanExpression {
    var expression = Flyteidl_Core_BooleanExpression()
    expression.comparison.leftValue = left
    expression.comparison.operator = op
    expression.comparison.rightValue = right
    return expression
  }

  static func join(
    _ left: Flyteidl_Core_BooleanExpression, _ op: Flyteidl_Core_ConjunctionExpression.LogicalOperator,
    _ right: Flyteidl_Core_BooleanExpression
  ) -> Flyteidl_Core_BooleanExpression {
    var expression = Flyteidl_Core_BooleanExpression()
    expression.conjunction.leftExpression = left
    expression.conjunction.operator = op
    expression.conjunction.rightExpression = right
    return expression
  }

  static let empty = Flyteidl_Core_LiteralMap()

  struct Row: Sendable, CustomTestStringConvertible {
    var left: Flyteidl_Core_Literal
    var op: Op
    var right: Flyteidl_Core_Literal
    var expected: Bool
    var testDescription: String { "\(left.scalar.primitive.value.map { "\($0)" } ?? "-") \(op) …" }
  }

  static let rows: [Row] = [
    Row(left: .int(3), op: .eq, right: .int(3), expected: true),
    Row(left: .int(3), op: .neq, right: .int(3), expected: false),
    Row(left: .int(4), op: .gt, right: .int(3), expected: true),
    Row(left: .int(3), op: .gt, right: .int(3), expected: false),
    Row(left: .int(3), op: .gte, right: .int(3), expected: true),
    Row(left: .int(2), op: .lt, right: .int(3), expected: true),
    Row(left: .int(3), op: .lt, right: .int(3), expected: false),
    Row(left: .int(3), op: .lte, right: .int(3), expected: true),
    Row(left: .int(-1), op: .gte, right: .int(0), expected: false),
    Row(left: .float(2.5), op: .gt, right: .float(2.25), expected: true),
    Row(left: .float(2.5), op: .eq, right: .float(2.5), expected: true),
    Row(left: .string("b"), op: .gt, right: .string("a"), expected: true),
    Row(left: .string("even"), op: .eq, right: .string("even"), expected: true),
    Row(left: .string("odd"), op: .neq, right: .string("even"), expected: true),
    Row(left: .bool(true), op: .eq, right: .bool(true), expected: true),
    Row(left: .bool(true), op: .neq, right: .bool(false), expected: true),
  ]

  @Test(arguments: rows)
  func comparesPrimitivesOfOneKind(_ row: Row) throws {
    let expression = Self.compare(Self.primitive(row.left), row.op, Self.primitive(row.right))
    #expect(try ConditionEvaluator.evaluate(expression, inputs: Self.empty) == row.expected)
  }

  @Test(arguments: [
    (Flyteidl_Core_Literal.int(1), Op.eq, Flyteidl_Core_Literal.float(1), "cannot compare an int with a float"),
    (.bool(true), .gt, .bool(false), "booleans can only be compared with == or !="),
    (.string("1"), .eq, .int(1), "cannot compare a str with an int"),
  ])
  func rejectsComparisonsFlyteRejects(
    left: Flyteidl_Core_Literal, op: Op, right: Flyteidl_Core_Literal, message: String
  ) {
    let expression = Self.compare(Self.primitive(left), op, Self.primitive(right))
    #expect(throws: ConditionEvaluator.Failure(message: message)) {
      try ConditionEvaluator.evaluate(expression, inputs: Self.empty)
    }
  }

  @Test func readsVariablesFromTheInputs() throws {
    let inputs = literals(["x": .int(7), "n0.o0": .string("odd")])
    #expect(
      try ConditionEvaluator.evaluate(Self.compare(Self.variable("x"), .gte, Self.primitive(.int(0))), inputs: inputs))
    #expect(
      try ConditionEvaluator.evaluate(
        Self.compare(Self.variable("n0.o0"), .eq, Self.primitive(.string("odd"))), inputs: inputs))
    #expect(try !ConditionEvaluator.evaluate(Self.compare(Self.variable("x"), .lt, Self.variable("x")), inputs: inputs))
  }

  @Test func namesMissingAndNonPrimitiveVariables() {
    let inputs = literals(["values": .list([.int(1)])])
    #expect(throws: ConditionEvaluator.Failure.self) {
      try ConditionEvaluator.evaluate(Self.compare(Self.variable("x"), .eq, Self.primitive(.int(0))), inputs: inputs)
    }
    do {
      _ = try ConditionEvaluator.evaluate(
        Self.compare(Self.variable("x"), .eq, Self.primitive(.int(0))), inputs: inputs)
    } catch {
      #expect(error.message.contains("'x'"))
    }
    do {
      _ = try ConditionEvaluator.evaluate(
        Self.compare(Self.variable("values"), .eq, Self.primitive(.int(0))), inputs: inputs)
      Issue.record("a list compared")
    } catch {
      #expect(error.message.contains("'values' is not a primitive"))
    }
  }

  @Test func noneEqualsOnlyNone() throws {
    var none = Flyteidl_Core_Scalar()
    none.noneType = Flyteidl_Core_Void()
    var noneLiteral = Flyteidl_Core_Literal()
    noneLiteral.scalar = none
    let inputs = literals(["maybe": noneLiteral, "x": .int(1)])
    var noneOperand = Flyteidl_Core_Operand()
    noneOperand.scalar = none
    #expect(try ConditionEvaluator.evaluate(Self.compare(Self.variable("maybe"), .eq, noneOperand), inputs: inputs))
    #expect(try !ConditionEvaluator.evaluate(Self.compare(Self.variable("x"), .eq, noneOperand), inputs: inputs))
    #expect(try ConditionEvaluator.evaluate(Self.compare(Self.variable("x"), .neq, noneOperand), inputs: inputs))
    #expect(throws: ConditionEvaluator.Failure.self) {
      try ConditionEvaluator.evaluate(Self.compare(Self.variable("maybe"), .gt, noneOperand), inputs: inputs)
    }
  }

  @Test func unwrapsOptionalUnions() throws {
    var union = Flyteidl_Core_Literal()
    union.scalar.union.value = .int(5)
    let inputs = literals(["maybe": union])
    #expect(
      try ConditionEvaluator.evaluate(
        Self.compare(Self.variable("maybe"), .gt, Self.primitive(.int(4))), inputs: inputs))
  }

  @Test func datetimesCompareByWholeSeconds() throws {
    var early = Flyteidl_Core_Operand()
    early.primitive.datetime = Google_Protobuf_Timestamp(seconds: 100, nanos: 1)
    var late = Flyteidl_Core_Operand()
    late.primitive.datetime = Google_Protobuf_Timestamp(seconds: 100, nanos: 999)
    #expect(try ConditionEvaluator.evaluate(Self.compare(early, .eq, late), inputs: Self.empty))
    late.primitive.datetime = Google_Protobuf_Timestamp(seconds: 101)
    #expect(try ConditionEvaluator.evaluate(Self.compare(late, .gt, early), inputs: Self.empty))
  }

  @Test func conjunctionsShortCircuit() throws {
    let yes = Self.compare(Self.primitive(.int(1)), .eq, Self.primitive(.int(1)))
    let no = Self.compare(Self.primitive(.int(1)), .eq, Self.primitive(.int(2)))
    let broken = Self.compare(Self.variable("missing"), .eq, Self.primitive(.int(1)))
    #expect(try ConditionEvaluator.evaluate(Self.join(yes, .and, yes), inputs: Self.empty))
    #expect(try !ConditionEvaluator.evaluate(Self.join(yes, .and, no), inputs: Self.empty))
    #expect(try ConditionEvaluator.evaluate(Self.join(no, .or, yes), inputs: Self.empty))
    #expect(try !ConditionEvaluator.evaluate(Self.join(no, .or, no), inputs: Self.empty))
    #expect(try !ConditionEvaluator.evaluate(Self.join(no, .and, broken), inputs: Self.empty))
    #expect(try ConditionEvaluator.evaluate(Self.join(yes, .or, broken), inputs: Self.empty))
    #expect(throws: ConditionEvaluator.Failure.self) {
      try ConditionEvaluator.evaluate(Self.join(yes, .and, broken), inputs: Self.empty)
    }
  }

  @Test func anEmptyConditionIsAnError() {
    #expect(throws: ConditionEvaluator.Failure(message: "the condition is empty")) {
      try ConditionEvaluator.evaluate(Flyteidl_Core_BooleanExpression(), inputs: Self.empty)
    }
  }
}
