import Testing

@testable import VaneAdminStore

/// The dialect-neutral SQL layer's pure parts: placeholders, upserts, listings.
@Suite struct SQLLayerTests {
  @Test func postgresNumbersPlaceholdersOutsideQuotes() {
    let sql = "SELECT a FROM t WHERE b = ? AND c = '?' AND \"d?\" IN (?, ?)"
    #expect(SQLDialect.sqlite.render(sql) == sql)
    #expect(SQLDialect.postgres.render(sql) == "SELECT a FROM t WHERE b = $1 AND c = '?' AND \"d?\" IN ($2, $3)")
  }

  static let table = SQLTable("t", [.text("k"), .integer("v")], primaryKey: ["k"])

  @Test func upsertKeepsTheLastRowOfAKeyAndChunks() {
    let rows: [[SQLValue]] = [
      [.text("a"), .integer(1)], [.text("b"), .integer(2)], [.text("a"), .integer(3)], [.text("c"), .integer(4)],
    ]
    let statements = Self.table.upsert(rows, rowsPerStatement: 2)
    #expect(statements.count == 2)
    #expect(
      statements.flatMap(\.values) == [.text("b"), .integer(2), .text("a"), .integer(3), .text("c"), .integer(4)])
    #expect(
      statements[0].sql
        == "INSERT INTO t (k, v) VALUES (?, ?), (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v")
    #expect(Self.table.upsert([], rowsPerStatement: 2).isEmpty)
  }

  @Test(arguments: [SQLDialect.sqlite, .postgres])
  func listingsBindEveryValueAndSortTextByBytes(dialect: SQLDialect) throws {
    var listing = SQLListing(
      Self.table.columns, dialect, fields: [.name: "k", .state: "v"], tieBreak: ["k"], operation: "list")
    listing.require(["v"], [.integer(7)])
    try listing.add([
      ListFilter(field: .name, op: .contains, values: [.text("x'; DROP TABLE t; --")]),
      ListFilter(field: .name, op: .valueNotIn, values: [.text("a"), .text("b")]),
    ])
    let page = try listing.page(of: Self.table, ListQuery(sort: ListSort(field: .state, ascending: false), limit: 5))
    let collate = dialect == .postgres ? " COLLATE \"C\"" : ""
    #expect(
      page.sql
        == "SELECT k, v FROM t WHERE v = ? AND \(dialect.contains("k")) AND k NOT IN (?, ?) ORDER BY v DESC, k\(collate) DESC LIMIT ? OFFSET ?"
    )
    #expect(
      page.values == [.integer(7), .text("x'; DROP TABLE t; --"), .text("a"), .text("b"), .integer(5), .integer(0)])
    #expect(throws: AdminError.self) { try listing.add([ListFilter.equal(.version, "v1")]) }
    #expect(throws: AdminError.self) { try listing.orderClause(ListSort(field: .createdAt, ascending: true)) }
  }
}
