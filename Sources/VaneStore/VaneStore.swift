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
/// Durability: every operation returns after its transaction committed to the write-ahead log,
/// which is synced at every commit (`synchronous=FULL`, the default): a committed transaction
/// survives a crash of the process or of the machine. `SQLiteDatabase.Options.Synchronous.normal`
/// trades that for throughput (a power loss can then drop the last few commits).
public enum VaneStore {}
