/// Durable state for the engine and the admin side.
///
/// What this module owns:
/// - `SQLiteDatabase`, a small wrapper over SQLite's C API (WAL, prepared-statement cache,
///   `BEGIN IMMEDIATE` transactions, migrations by `PRAGMA user_version`).
/// - `ResourceStore`, the execution-resource store the controller reconciles against
///   (create / get / CAS update / abort / delete / list / watch), with `SQLiteResourceStore`.
/// - `EventLog`, the append-only log of workflow, node and task events, with `SQLiteEventLog`.
/// - `KeyValueStore`, a small namespaced blob table for later use (cache catalog, signals).
///
/// What it must not do: decode spec, status or event payloads. They are opaque bytes owned by
/// the engine; the store only knows keys, versions, labels, flags and timestamps.
///
/// Durability: every operation returns after its transaction committed to the write-ahead log.
/// With `synchronous=NORMAL` a committed transaction survives a crash of the process
/// (`kill -9`) at any instant; only a power loss or kernel crash can drop the last few commits.
/// Choose `SQLiteDatabase.Options.Synchronous.full` when that matters more than throughput.
public enum VaneStore {}
