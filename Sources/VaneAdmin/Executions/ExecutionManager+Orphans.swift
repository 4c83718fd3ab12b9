public import Foundation
public import VaneAdminStore
import VaneEngine
import VaneStore

extension ExecutionManager {
  /// Where the last sweep stopped, in the engine's key-value table: records created before it
  /// were checked (or made by a process that checked them).
  static let sweepNamespace = "vane.admin"
  static let sweepKey = "orphans-checked-before"

  /// Removes the records of executions the engine never received — the server stopped between
  /// recording an execution and handing it to the engine — created since the last sweep and
  /// before `cutoff` (this process's start: later records belong to creations that may still be
  /// under way). The client of such a create never got an answer, so it is taken back: its name
  /// is free again and no listing shows an execution that can never run. Returns the names
  /// removed.
  @discardableResult
  public func removeOrphans(createdBefore cutoff: Date) async throws(AdminError) -> [EntityName] {
    let keyValues = engine.environment.keyValues
    let since = try await Self.storeCall { () throws(StoreError) in
      try await keyValues.value(Self.sweepNamespace, Self.sweepKey)
    }.flatMap { Double(String(decoding: $0, as: UTF8.self)) }.map { Date(timeIntervalSince1970: $0) }
    var filters = [ListFilter(field: .createdAt, op: .lessThan, values: [.time(cutoff)])]
    if let since { filters.append(ListFilter(field: .createdAt, op: .greaterThanOrEqual, values: [.time(since)])) }
    var removed: [EntityName] = []
    var query = ListQuery(filters: filters, sort: ListSort(field: .createdAt, ascending: true), limit: 200)
    while true {
      let page = try await store.executions(query)
      var removedHere = 0
      for record in page.items {
        let key = ResourceKey(project: record.name.project, domain: record.name.domain, name: record.name.name)
        let spec = try await engineCall { () throws(EngineError) in try await engine.spec(of: key) }
        if spec == nil, try await store.removeExecution(record.name) {
          removed.append(record.name)
          removedHere += 1
        }
      }
      // The rows after a removed one moved up by one.
      guard let next = page.nextOffset else { break }
      query.offset = next - removedHere
    }
    let mark = Data(String(cutoff.timeIntervalSince1970).utf8)
    try await Self.storeCall { () throws(StoreError) in
      try await keyValues.put(Self.sweepNamespace, Self.sweepKey, mark)
    }
    return removed
  }

  private static func storeCall<T>(_ body: () async throws(StoreError) -> T) async throws(AdminError) -> T {
    do {
      return try await body()
    } catch {
      throw AdminError(.internalError, "cannot read or write the orphan sweep's mark: \(error)", at: "key_values")
    }
  }
}
