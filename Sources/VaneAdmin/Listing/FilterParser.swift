import Foundation
public import VaneAdminStore

/// Parses Flyte's list filter grammar into `ListFilter`s.
///
/// Grammar (as FlyteAdmin reads it): expressions joined by `+`, each `function(field,value)`
/// with an optional space after the comma; `value_in` / `value_not_in` take values separated
/// by `;`. A field may carry the listed entity's prefix (`task.name`, `workflow.version`,
/// `launch_plan.state`, `execution.created_at`). Timestamps are RFC 3339 (fractional seconds
/// allowed); `state` is an integer. Anything else is rejected with `invalidArgument`, naming
/// the expression and what would be accepted.
public struct FilterParser: Sendable {
  /// The prefix fields may carry, e.g. `task`.
  public let entityPrefix: String
  /// The fields this listing supports.
  public let fields: Set<ListField>

  /// Phase names a `phase` filter may use instead of numbers (e.g. `SUCCEEDED`).
  public let phaseNames: [String: Int64]

  public init(entityPrefix: String, fields: Set<ListField>, phaseNames: [String: Int64] = [:]) {
    self.entityPrefix = entityPrefix
    self.fields = fields
    self.phaseNames = phaseNames
  }

  /// The longest filter text accepted, in UTF-8 bytes: far beyond any UI's filters, and a bound
  /// on the work one request can ask for (the fuzz target's 40 KB mutants took over a second
  /// each to reject in a debug build; every timestamp value costs a date parser).
  public static let maxBytes = 16 << 10

  /// The filters of `text`; an empty text has none.
  public func parse(_ text: String) throws(AdminError) -> [ListFilter] {
    guard text.utf8.count <= Self.maxBytes else {
      throw AdminError(
        .invalidArgument, "the filters are \(text.utf8.count) bytes long; at most \(Self.maxBytes) are accepted",
        at: "filters")
    }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return [] }
    var filters: [ListFilter] = []
    for expression in trimmed.split(separator: "+", omittingEmptySubsequences: false) {
      filters.append(try parseExpression(String(expression)))
    }
    return filters
  }

  private func parseExpression(_ expression: String) throws(AdminError) -> ListFilter {
    let shape = "write function(field,value), e.g. eq(name,my.task), joined by '+'"
    guard let open = expression.firstIndex(of: "("), expression.hasSuffix(")"),
      let comma = expression[open...].firstIndex(of: ",")
    else {
      throw invalid(expression, "malformed filter; \(shape)")
    }
    let functionName = String(expression[..<open]).trimmingCharacters(in: .whitespaces)
    guard let op = FilterOperator(rawValue: functionName) else {
      let known = FilterOperator.allCases.map(\.rawValue).joined(separator: ", ")
      throw invalid(expression, "unknown filter function '\(functionName)' (known: \(known))")
    }
    var fieldName = String(expression[expression.index(after: open)..<comma]).trimmingCharacters(in: .whitespaces)
    if fieldName.hasPrefix(entityPrefix + ".") { fieldName.removeFirst(entityPrefix.count + 1) }
    guard let field = ListField(rawValue: fieldName), fields.contains(field) else {
      let known = fields.map { $0.rawValue }.sorted().joined(separator: ", ")
      throw invalid(expression, "cannot filter on '\(fieldName)' (fields: \(known))")
    }
    var rawValue = String(expression[expression.index(after: comma)..<expression.index(before: expression.endIndex)])
    if rawValue.hasPrefix(" ") { rawValue.removeFirst() }
    guard !rawValue.isEmpty else { throw invalid(expression, "the value is empty; \(shape)") }
    let parts = op.takesList ? rawValue.split(separator: ";").map(String.init) : [rawValue]
    guard !parts.isEmpty else { throw invalid(expression, "the value list is empty") }
    var values: [FilterValue] = []
    for part in parts {
      values.append(try value(part, field: field, expression: expression))
    }
    if op == .contains && field.isTimestamp || op == .contains && field.isInteger {
      throw invalid(expression, "'contains' needs a text field")
    }
    return ListFilter(field: field, op: op, values: values)
  }

  private func value(_ text: String, field: ListField, expression: String) throws(AdminError) -> FilterValue {
    if field == .phase, let number = phaseNames[text.uppercased()] { return .integer(number) }
    if field.isInteger {
      guard let number = Int64(text) else { throw invalid(expression, "'\(text)' is not an integer") }
      return .integer(number)
    }
    if field.isTimestamp {
      guard let date = Self.timestamp(text) else {
        throw invalid(expression, "'\(text)' is not an RFC 3339 timestamp such as 2024-05-01T12:00:00Z")
      }
      return .time(date)
    }
    return .text(text)
  }

  static func timestamp(_ text: String) -> Date? {
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = fractional.date(from: text) { return date }
    return ISO8601DateFormatter().date(from: text)
  }

  private func invalid(_ expression: String, _ message: String) -> AdminError {
    AdminError(.invalidArgument, message, at: "filters '\(expression)'")
  }
}
