/// What differs between the databases the admin store runs on. Everything else — tables,
/// statements, listings, migrations — is written once against `?` placeholders and the
/// column types, and spelled for a database here.
///
/// Both databases take the same upsert (`INSERT … ON CONFLICT (key) DO UPDATE SET c =
/// excluded.c`), `ON CONFLICT DO NOTHING` and `RETURNING`, so those need no translation.
enum SQLDialect: Sendable, Hashable {
  /// SQLite (3.35 or newer): the embedded default, in the engine's `vane.db`.
  case sqlite
  /// PostgreSQL (12 or newer).
  case postgres

  /// `sql` with its `?` placeholders as the database numbers them (`$1`, `$2`, … for
  /// PostgreSQL). Question marks inside quotes are left alone.
  func render(_ sql: String) -> String {
    guard self == .postgres else { return sql }
    var rendered = ""
    rendered.reserveCapacity(sql.utf8.count + 16)
    var number = 0
    var quote: Character?
    for character in sql {
      if let open = quote {
        if character == open { quote = nil }
        rendered.append(character)
      } else if character == "'" || character == "\"" {
        quote = character
        rendered.append(character)
      } else if character == "?" {
        number += 1
        rendered += "$\(number)"
      } else {
        rendered.append(character)
      }
    }
    return rendered
  }

  /// The column type in a `CREATE TABLE`.
  func typeName(_ type: SQLType) -> String {
    switch (self, type) {
    case (_, .text): "TEXT"
    case (.sqlite, .integer): "INTEGER"
    case (.postgres, .integer): "BIGINT"
    case (.sqlite, .blob): "BLOB"
    case (.postgres, .blob): "BYTEA"
    }
  }

  /// A condition: `column` contains the bound text.
  func contains(_ column: String) -> String {
    switch self {
    case .sqlite: "instr(\(column), ?) > 0"
    case .postgres: "strpos(\(column), ?) > 0"
    }
  }

  /// One `ORDER BY` term. Text sorts by bytes in both databases (SQLite's default; PostgreSQL
  /// with `COLLATE "C"` whatever the database's locale), so a page is the same everywhere.
  func orderTerm(_ column: String, _ type: SQLType, ascending: Bool) -> String {
    let collation = self == .postgres && type == .text ? " COLLATE \"C\"" : ""
    return "\(column)\(collation) \(ascending ? "ASC" : "DESC")"
  }

  /// The table that records each component's schema version. (Named differently in the two
  /// databases since their first release; kept so existing databases stay readable.)
  var versionTable: String {
    switch self {
    case .sqlite: "component_schema"
    case .postgres: "vane_component_schema"
    }
  }

  /// What a migration runs first to keep other servers out until it commits: PostgreSQL
  /// takes a transaction-scoped advisory lock (key `'vane'` in ASCII); SQLite's write
  /// transaction is exclusive already.
  var migrationLock: SQLStatement? {
    switch self {
    case .sqlite: nil
    case .postgres: SQLStatement("SELECT pg_advisory_xact_lock(?)", [.integer(0x7661_6E65)])
    }
  }

  /// Rows per upsert statement. SQLite runs one cached statement per row (no round trips to
  /// save); PostgreSQL sends 500 rows per round trip (at most 65,535 parameters a statement).
  var rowsPerUpsert: Int {
    switch self {
    case .sqlite: 1
    case .postgres: 500
    }
  }
}
