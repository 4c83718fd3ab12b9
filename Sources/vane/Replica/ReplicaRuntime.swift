import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import VaneAdminStore
import VaneEngine
import VaneModel
import VaneReplica
import VaneServer
import VaneStore
import VaneStorePostgres

/// What makes `vane serve` one replica of a group: the engine's executions, events and
/// key-value table in PostgreSQL (the admin store's database, schema `replica.schema`), this
/// replica's shard leases and the fenced view of the store its engine writes through.
struct ReplicaRuntime {
  let settings: ReplicaSettings
  /// The shared store (also the `LISTEN` service that feeds every replica's watch).
  let store: PostgresResourceStore
  let keyValues: PostgresKeyValueStore
  let leases: ShardLeaseStore
  /// The leases held: the engine's ownership.
  let book: LeaseBook
  /// The store the engine writes through: every status write fenced by its shard's lease.
  let sharded: ShardedResourceStore

  /// Opens the replica's tables in `client`'s database (which must be running), creating or
  /// migrating them; fails naming the database when it does not answer within `timeout`.
  /// `leaseClient` (the same database) serves the heartbeat alone.
  static func open(
    config: Config, client: PostgresClient, leaseClient: PostgresClient, clock: any WallClock, logger: Logger
  ) async throws -> ReplicaRuntime {
    let settings: ReplicaSettings
    let schema: PostgresStoreSchema
    do throws(StoreError) {
      settings = try ReplicaSettings(
        id: config.replica.resolvedID, shards: try ShardMap(count: config.replica.shards),
        leaseTTL: config.replica.leaseTTL)
      schema = try PostgresStoreSchema(config.replica.schema)
    } catch {
      throw CLIFailure.badInput("vane serve: bad configuration: replica: \(error.message)")
    }
    let postgres = config.adminStore.postgres
    let target = "PostgreSQL at \(postgres.endpoint) (user \(postgres.user)), schema \(schema.name)"
    let migrated: Void?
    do {
      migrated = try await TimeLimit.run(within: postgres.connectTimeout) {
        try await schema.migrate(client, logger: logger)
      }
    } catch {
      throw CLIFailure.unavailable("vane serve: \(target): \(error)")
    }
    guard migrated != nil else {
      throw CLIFailure.unavailable(
        "vane serve: \(target) did not answer within \(postgres.connectTimeout); check admin_store.postgres")
    }
    let store = PostgresResourceStore(migrated: client, schema: schema, logger: logger)
    let book = LeaseBook(
      shards: settings.shards, clock: clock, margin: settings.ownershipMargin,
      poke: { key in
        Task {
          do {
            try await store.poke(key)
          } catch {
            logger.notice("could not ask the owner of an execution for a round", metadata: ["execution": "\(key)"])
          }
        }
      })
    return ReplicaRuntime(
      settings: settings, store: store,
      keyValues: PostgresKeyValueStore(migrated: client, schema: schema, logger: logger),
      leases: ShardLeaseStore(migrated: leaseClient, schema: schema, logger: logger), book: book,
      sharded: ShardedResourceStore(store: store, leases: book))
  }

  /// The heartbeat: shards gained are resynced by `engine` at once; what it kept of the
  /// executions of shards lost or given up is dropped.
  func heartbeat(engine: Engine, clock: any WallClock, logger: Logger) -> ReplicaService {
    ReplicaService(
      settings: settings, leases: leases, book: book, clock: clock, logger: logger,
      onGained: { _ in
        do {
          try await engine.resync()
        } catch {
          logger.error("could not resync the shards taken", metadata: ["error": "\(error)"])
        }
      },
      onLost: { engine.forgetUnowned() })
  }
}
