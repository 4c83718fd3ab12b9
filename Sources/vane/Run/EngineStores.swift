import VaneStore

/// Where the engine keeps executions, events and its key-value table: the data directory's
/// SQLite file (the embedded default, `vane run` and a lone `vane serve`), or stores a replica
/// group shares (PostgreSQL, opened by `ReplicaRuntime`).
enum EngineStores {
  case sqlite
  case shared(store: any ResourceStore, keyValues: any KeyValueStore)

  /// The stores; for `sqlite`, `<directory>/vane.db` opened (and returned as the third value).
  func open(
    directory: String
  ) throws -> (store: any ResourceStore, keyValues: any KeyValueStore, sqlite: SQLiteResourceStore?) {
    switch self {
    case .shared(let store, let keyValues):
      return (store, keyValues, nil)
    case .sqlite:
      let store: SQLiteResourceStore
      do {
        store = try SQLiteResourceStore(path: directory + "/vane.db")
      } catch {
        throw CLIFailure.badInput("\(directory)/vane.db: cannot open the execution database: \(error)")
      }
      do {
        return (store, try SQLiteKeyValueStore(database: store.database), store)
      } catch {
        throw CLIFailure.badInput("\(directory)/vane.db: cannot open the key-value table: \(error)")
      }
    }
  }
}
