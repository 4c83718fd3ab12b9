import FlyteIDL
import Foundation
import VaneAdminStore

/// Turns the paging and sorting fields of Flyte's list requests into a `ListQuery`.
///
/// `limit` must be positive (as in FlyteAdmin) and is capped at `maximumLimit`; the page
/// token is the decimal offset returned by the previous page; `sort_by` names one of the
/// listing's fields (without one: `defaultSort`, newest first unless the listing says
/// otherwise).
struct ListRequest {
  static let maximumLimit = 10_000

  let parser: FilterParser

  func query(
    scope: [ListFilter], filters: String, sort: Flyteidl_Admin_Sort?, limit: UInt32, token: String,
    defaultSort: ListSort = .newestFirst
  ) throws(AdminError) -> ListQuery {
    guard limit > 0 else {
      throw AdminError(.invalidArgument, "limit must be greater than 0", at: "limit")
    }
    let offset: Int
    if token.isEmpty {
      offset = 0
    } else if let parsed = Int(token), parsed >= 0 {
      offset = parsed
    } else {
      throw AdminError(.invalidArgument, "'\(token)' is not a page token from an earlier response", at: "token")
    }
    var order = defaultSort
    if let sort, !sort.key.isEmpty {
      guard let field = ListField(rawValue: sort.key), parser.fields.contains(field) else {
        let known = parser.fields.map { $0.rawValue }.sorted().joined(separator: ", ")
        throw AdminError(.invalidArgument, "cannot sort by '\(sort.key)' (fields: \(known))", at: "sort_by")
      }
      order = ListSort(field: field, ascending: sort.direction == .ascending)
    }
    return ListQuery(
      filters: scope + (try parser.parse(filters)), sort: order, limit: min(Int(limit), Self.maximumLimit),
      offset: offset)
  }

  /// Equality filters for the non-empty parts of a project/domain/name scope; project and
  /// domain are required.
  static func scope(
    project: String, domain: String, name: String = "", org: String = ""
  ) throws(AdminError)
    -> [ListFilter]
  {
    guard !project.isEmpty else { throw AdminError(.invalidArgument, "project is required", at: "id.project") }
    guard !domain.isEmpty else { throw AdminError(.invalidArgument, "domain is required", at: "id.domain") }
    var filters = [ListFilter.equal(.project, project), .equal(.domain, domain)]
    if !name.isEmpty { filters.append(.equal(.name, name)) }
    return filters
  }

  /// The token of the page after `page`, or empty when it was the last.
  static func token<Item>(_ page: Page<Item>) -> String {
    page.nextOffset.map(String.init) ?? ""
  }
}
