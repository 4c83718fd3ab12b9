public import Foundation

/// A field that listings filter and sort on. Raw values are Flyte's column names, as written
/// in filters (`eq(name,x)`) and `sort_by.key`.
public enum ListField: String, Sendable, Hashable, CaseIterable {
  case project, domain, name, version
  case createdAt = "created_at"
  case updatedAt = "updated_at"
  /// Launch plan state (0 inactive, 1 active), a named entity's state (0 active, 1 archived,
  /// 2 system generated) or an execution's (0 active, 1 archived).
  case state
  /// A named entity's description.
  case description
  /// A node execution's unique node id.
  case nodeID = "node_id"
  /// A node or task execution's phase (Flyte's number; filters also take the phase's name).
  case phase
  /// A task execution's attempt number.
  case retryAttempt = "retry_attempt"

  /// Whether values of this field are RFC 3339 timestamps.
  public var isTimestamp: Bool { self == .createdAt || self == .updatedAt }
  /// Whether values of this field are integers.
  public var isInteger: Bool { self == .state || self == .phase || self == .retryAttempt }
}

/// Flyte's filter functions.
public enum FilterOperator: String, Sendable, Hashable, CaseIterable {
  case equal = "eq"
  case notEqual = "ne"
  case greaterThan = "gt"
  case greaterThanOrEqual = "gte"
  case lessThan = "lt"
  case lessThanOrEqual = "lte"
  case contains = "contains"
  case valueIn = "value_in"
  case valueNotIn = "value_not_in"

  /// Whether the function takes a `;`-separated list of values.
  public var takesList: Bool { self == .valueIn || self == .valueNotIn }
}

/// A typed filter value.
public enum FilterValue: Sendable, Hashable {
  case text(String)
  case integer(Int64)
  case time(Date)
}

/// One condition of a listing: `field operator values`.
public struct ListFilter: Sendable, Hashable {
  public var field: ListField
  public var op: FilterOperator
  /// One value, or several for `value_in` / `value_not_in`.
  public var values: [FilterValue]

  public init(field: ListField, op: FilterOperator, values: [FilterValue]) {
    self.field = field
    self.op = op
    self.values = values
  }

  /// `field = value`.
  public static func equal(_ field: ListField, _ value: String) -> ListFilter {
    ListFilter(field: field, op: .equal, values: [.text(value)])
  }
}

/// The order of a listing; ties are broken by name and version so pages are stable.
public struct ListSort: Sendable, Hashable {
  public var field: ListField
  public var ascending: Bool

  public init(field: ListField, ascending: Bool) {
    self.field = field
    self.ascending = ascending
  }

  /// Newest first: Flyte's default.
  public static let newestFirst = ListSort(field: .createdAt, ascending: false)
}

/// A page request over registered entities: every filter must hold (AND).
public struct ListQuery: Sendable, Hashable {
  public var filters: [ListFilter]
  public var sort: ListSort
  /// At most this many rows.
  public var limit: Int
  /// Rows to skip (the page token).
  public var offset: Int

  public init(filters: [ListFilter] = [], sort: ListSort = .newestFirst, limit: Int = 100, offset: Int = 0) {
    self.filters = filters
    self.sort = sort
    self.limit = limit
    self.offset = offset
  }
}

/// One page of a listing and the token of the next (nil when this was the last).
public struct Page<Item: Sendable>: Sendable {
  public var items: [Item]
  public var nextOffset: Int?

  public init(items: [Item], nextOffset: Int?) {
    self.items = items
    self.nextOffset = nextOffset
  }

  /// The page `query` asked for: a next page may follow when it came back full.
  init(items: [Item], of query: ListQuery) {
    self.init(items: items, nextOffset: items.count == query.limit ? query.offset + items.count : nil)
  }
}
