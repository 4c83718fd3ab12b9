import Foundation
import Logging
import VaneData
import VaneEngine
import VanePlugins
import VaneStore

/// The embedded default on one data directory: an SQLite file for executions and events,
/// the directory itself for data, and tasks as local processes.
struct LocalRuntime {
  let dataDirectory: String
  let store: SQLiteResourceStore
  let dataStore: LocalDataStore
  let layout: DataLayout
  let engine: Engine

  /// `--data-dir`, else `$VANE_DATA_DIR`, else `$XDG_DATA_HOME/vane`, else `~/.local/share/vane`.
  static func defaultDataDirectory() -> String {
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment["VANE_DATA_DIR"], !explicit.isEmpty { return explicit }
    if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/vane" }
    return FileManager.default.homeDirectoryForCurrentUser.path + "/.local/share/vane"
  }

  /// `capacity` overrides what tasks may use (default: this machine's cores and memory).
  static func open(
    dataDirectory: String?, images: [String: String], capacity: ResourceAmount? = nil, logger: Logger
  ) throws -> LocalRuntime {
    let directory = URL(fileURLWithPath: dataDirectory ?? defaultDataDirectory()).standardizedFileURL.path
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw CLIFailure.badInput("\(directory): cannot create the data directory: \(error.localizedDescription)")
    }
    let store: SQLiteResourceStore
    do {
      store = try SQLiteResourceStore(path: directory + "/vane.db")
    } catch {
      throw CLIFailure.badInput("\(directory)/vane.db: cannot open the execution database: \(error)")
    }
    let dataStore = LocalDataStore(root: directory)
    let layout = DataLayout(dataDirectory: dataStore.rootURI)
    let local = LocalProcessPlugin(
      configuration: .init(
        workRoot: directory + "/work", images: images,
        capacity: capacity ?? LocalProcessPlugin.Configuration.machineCapacity), dataStore: dataStore)
    var plugins = PluginRegistry.Builder()
    plugins.register(local)
    plugins.setDefault(local)
    plugins.register(EchoPlugin(dataStore: dataStore))
    let keyValues: SQLiteKeyValueStore
    do {
      keyValues = try SQLiteKeyValueStore(database: store.database)
    } catch {
      throw CLIFailure.badInput("\(directory)/vane.db: cannot open the key-value table: \(error)")
    }
    let environment = EngineEnvironment(
      dataStore: dataStore, layout: layout, plugins: try plugins.build(), keyValues: keyValues, logger: logger)
    return LocalRuntime(
      dataDirectory: directory, store: store, dataStore: dataStore, layout: layout,
      // Several `vane run` processes may share the data directory: each runs only its own.
      engine: Engine(configuration: .init(resyncsOwnedExecutionsOnly: true), store: store, environment: environment))
  }
}
