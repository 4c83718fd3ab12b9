public import Foundation
public import Logging
public import PostgresNIO
public import VaneStore

/// Leases in PostgreSQL (shard ownership and leader election share the table): acquire one
/// that is free or expired for a new fencing token, renew it while held, release it.
///
/// Time is passed in (`now`), never read here: the caller's clock decides expiry, so tests
/// drive it, and every replica compares against the times they themselves wrote. Each call is
/// one statement, atomic on the lease row.
public struct ShardLeaseStore: Sendable, PostgresSchemaUser {
  /// The pool it queries through.
  public let client: PostgresClient
  /// Where the `leases` table is.
  public let schema: PostgresStoreSchema
  let logger: Logger

  public static let defaultLoggerLabel = "vane.leases"

  /// A lease store over a schema that is already migrated.
  public init(migrated client: PostgresClient, schema: PostgresStoreSchema, logger: Logger) {
    self.client = client
    self.schema = schema
    self.logger = logger
  }

  /// Takes `name` for `owner` until `now + ttl` if nobody holds it or its lease expired by
  /// `now`, with a fresh fencing token; `nil` while another holder's (or this owner's own)
  /// lease is unexpired.
  public func acquire(_ name: String, owner: String, now: Date, ttl: Duration) async throws(StoreError) -> Lease? {
    let operation = "acquire lease \(name) for \(owner)"
    try check(name: name, owner: owner, ttl: ttl, operation: operation)
    let (nowMS, expires) = (Self.milliseconds(now), Self.milliseconds(now) + Self.milliseconds(ttl))
    let leases = schema.table("leases")
    let query: PostgresQuery = """
      INSERT INTO \(unescaped: leases) AS l (name, owner, token, expires_at)
      VALUES (\(name), \(owner), nextval('\(unescaped: schema.table("fencing"))'), \(expires))
      ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, token = excluded.token, expires_at = excluded.expires_at
      WHERE l.expires_at <= \(nowMS)
      RETURNING token
      """
    guard let token = try await single(query, operation: operation) else { return nil }
    return Lease(name: name, owner: owner, token: token, expiresAt: Self.date(expires))
  }

  /// Extends `lease` to `now + ttl` if it is still held with its token and unexpired at
  /// `now`; `nil` when it was lost (expired, or taken over).
  public func renew(_ lease: Lease, now: Date, ttl: Duration) async throws(StoreError) -> Lease? {
    let operation = "renew lease \(lease.name) for \(lease.owner)"
    try check(name: lease.name, owner: lease.owner, ttl: ttl, operation: operation)
    let expires = Self.milliseconds(now) + Self.milliseconds(ttl)
    let query: PostgresQuery = """
      UPDATE \(unescaped: schema.table("leases")) SET expires_at = \(expires)
      WHERE name = \(lease.name) AND owner = \(lease.owner) AND token = \(lease.token)
        AND expires_at > \(Self.milliseconds(now))
      RETURNING token
      """
    guard try await single(query, operation: operation) != nil else { return nil }
    var renewed = lease
    renewed.expiresAt = Self.date(expires)
    return renewed
  }

  /// Gives `lease` up so another replica can take it at once; `false` when it was no longer
  /// held with this token.
  public func release(_ lease: Lease) async throws(StoreError) -> Bool {
    let operation = "release lease \(lease.name) for \(lease.owner)"
    let query: PostgresQuery = """
      DELETE FROM \(unescaped: schema.table("leases"))
      WHERE name = \(lease.name) AND token = \(lease.token) RETURNING token
      """
    return try await single(query, operation: operation) != nil
  }

  /// Gives up every lease `owner` holds (a replica shutting down), in one statement; returns
  /// how many. Leases another replica took over are someone else's and stay.
  @discardableResult
  public func releaseAll(owner: String) async throws(StoreError) -> Int {
    let operation = "release the leases of \(owner.prefix(64))"
    guard !owner.isEmpty, owner.utf8.count <= 256 else {
      throw StoreError(.invalidArgument, "a lease owner is 1-256 bytes", operation: operation)
    }
    try PostgresRow.check(text: owner, "the lease owner", operation: operation)
    let query: PostgresQuery = """
      WITH gone AS (DELETE FROM \(unescaped: schema.table("leases")) WHERE owner = \(owner) RETURNING 1)
      SELECT count(*) FROM gone
      """
    return Int(try await single(query, operation: operation) ?? 0)
  }

  /// Every lease unexpired at `now` whose name starts with `prefix`, by name.
  public func held(prefix: String = "", now: Date) async throws(StoreError) -> [Lease] {
    let operation = "list leases"
    try PostgresRow.check(text: prefix, "the lease prefix", operation: operation)
    let query: PostgresQuery = """
      SELECT name, owner, token, expires_at FROM \(unescaped: schema.table("leases"))
      WHERE starts_with(name, \(prefix)) AND expires_at > \(Self.milliseconds(now)) ORDER BY name
      """
    do {
      var leases: [Lease] = []
      for try await row in try await client.query(query, logger: logger) {
        let (name, owner, token, expires) = try row.decode((String, String, Int64, Int64).self)
        leases.append(Lease(name: name, owner: owner, token: token, expiresAt: Self.date(expires)))
      }
      return leases
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }

  private func single(_ query: PostgresQuery, operation: String) async throws(StoreError) -> Int64? {
    do {
      var value: Int64?
      for try await row in try await client.query(query, logger: logger) { value = try row.decode(Int64.self) }
      return value
    } catch {
      throw PostgresFailure.storeError(error, operation: operation)
    }
  }

  private func check(name: String, owner: String, ttl: Duration, operation: String) throws(StoreError) {
    guard !name.isEmpty, !owner.isEmpty, name.utf8.count <= 256, owner.utf8.count <= 256 else {
      throw StoreError(
        .invalidArgument, "a lease needs a name and an owner of 1-256 bytes", operation: operation)
    }
    try PostgresRow.check(text: name, "the lease name", operation: operation)
    try PostgresRow.check(text: owner, "the lease owner", operation: operation)
    guard ttl > .zero, ttl <= .seconds(86_400) else {
      throw StoreError(
        .invalidArgument, "a lease's time to live must be in (0, 1 day], got \(ttl)", operation: operation)
    }
  }

  static func milliseconds(_ date: Date) -> Int64 { PostgresRow.milliseconds(date) }

  static func milliseconds(_ duration: Duration) -> Int64 {
    let (seconds, attoseconds) = duration.components
    return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
  }

  static func date(_ milliseconds: Int64) -> Date { PostgresRow.date(milliseconds) }
}
