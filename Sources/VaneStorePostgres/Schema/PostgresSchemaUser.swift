public import Logging
public import PostgresNIO
public import VaneStore

/// A type that queries the tables of a `PostgresStoreSchema`: built over an already migrated
/// schema, or opened — the schema migrated first — with `open`.
public protocol PostgresSchemaUser {
  /// The logger label `open` uses when none is given.
  static var defaultLoggerLabel: String { get }

  /// An instance over a schema that is already migrated.
  init(migrated client: PostgresClient, schema: PostgresStoreSchema, logger: Logger)
}

extension PostgresSchemaUser {
  /// An instance over `schema`, migrated first (the client must be running).
  public static func open(
    client: PostgresClient, schema: PostgresStoreSchema, logger: Logger = Logger(label: defaultLoggerLabel)
  ) async throws(StoreError) -> Self {
    try await schema.migrate(client, logger: logger)
    return Self(migrated: client, schema: schema, logger: logger)
  }
}
