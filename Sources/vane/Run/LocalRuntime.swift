import Foundation
import Logging
import VaneAdmin
import VaneData
import VaneEngine
import VaneModel
import VanePlugins
import VaneRay
import VaneS3
import VaneServer
import VaneStore

/// The embedded default on one data directory: an SQLite file for executions and events,
/// the directory itself for data (or object storage, with `--storage s3://…`), and tasks as
/// local processes — or, with Ray settings, Ray tasks and the tasks placed there as jobs on a
/// Ray cluster.
struct LocalRuntime {
  let dataDirectory: String
  /// Where executions are kept: the data directory's `vane.db`, or what a replica shares.
  let store: any ResourceStore
  /// The data directory's SQLite file, unless the stores were given (`EngineStores.shared`).
  let sqlite: SQLiteResourceStore?
  /// Every URI the engine meets: `file://` in the data directory, `s3://` when storage is selected.
  let dataStore: any DataStore
  /// The object store executions keep their data in, when one is selected.
  let objectStore: S3DataStore?
  /// What selected it (prefixes, endpoint, tuning), when one is selected.
  let storage: StorageSelection?
  let layout: DataLayout
  let engine: Engine
  /// The Ray cluster tasks are placed on, if any.
  let ray: RaySettings?
  /// The local process plugin (its fork servers are stopped when a run ends).
  let localProcesses: LocalProcessPlugin

  /// `--data-dir`, else `$VANE_DATA_DIR`, else `$XDG_DATA_HOME/vane`, else `~/.local/share/vane`.
  static func defaultDataDirectory() -> String {
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment["VANE_DATA_DIR"], !explicit.isEmpty { return explicit }
    if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/vane" }
    return FileManager.default.homeDirectoryForCurrentUser.path + "/.local/share/vane"
  }

  /// The data directory `dataDirectory` names (or the default), as an absolute path.
  static func directory(_ dataDirectory: String?) -> String {
    URL(fileURLWithPath: dataDirectory ?? defaultDataDirectory()).standardizedFileURL.path
  }

  /// `capacity` overrides what tasks may use (default: this machine's cores and memory); `ray`
  /// sends Ray tasks and the tasks its placement names to a Ray cluster; `warmStarts` says
  /// whether flytekit tasks run locally start warm (default: yes); `sandbox` runs them under
  /// bubblewrap (checked here: exit 69 when it cannot work on this machine).
  /// `storage` selects object storage (and is saved in the data directory); nil uses what the
  /// data directory was set up with, else the directory itself.
  static func open(
    dataDirectory: String?, images: [String: String], storage: StorageSelection? = nil,
    capacity: ResourceAmount? = nil, ray: RaySettings? = nil,
    warmStarts: LocalProcessPlugin.WarmStartConfiguration = .init(), sandbox: SandboxConfiguration? = nil,
    secretsDirectory: String? = nil, deadlines: EngineDeadlines = .init(), stores: EngineStores = .sqlite,
    logger: Logger
  ) throws -> LocalRuntime {
    let directory = Self.directory(dataDirectory)
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw CLIFailure.badInput("\(directory): cannot create the data directory: \(error.localizedDescription)")
    }
    let (store, keyValues, sqlite) = try stores.open(directory: directory)
    let localStore = LocalDataStore(root: directory)
    var dataStore: any DataStore = localStore
    var layout = DataLayout(dataDirectory: localStore.rootURI)
    var objectStore: S3DataStore?
    var processConfiguration = LocalProcessPlugin.Configuration(
      workRoot: directory + "/work", images: images,
      capacity: capacity ?? LocalProcessPlugin.Configuration.machineCapacity, warmStarts: warmStarts,
      secrets: try Self.secretSource(directory: secretsDirectory))
    var ray = ray
    var selection = storage
    do throws(DataError) {
      let saved = try StorageSelection.saved(in: directory)
      if let storage {
        if saved != storage { try storage.save(in: directory) }
      } else {
        selection = saved
      }
    } catch {
      throw CLIFailure.badInput("\(directory): \(error.message)")
    }
    if let selection {
      let s3: S3DataStore
      do throws(DataError) {
        s3 = try selection.openStore()
      } catch {
        throw CLIFailure.badInput("storage \(selection.uri): \(error.message)")
      }
      objectStore = s3
      dataStore = RoutingDataStore(["file": localStore, "s3": s3])
      layout = selection.layout
      // Tasks reach the same bucket: flytekit reads FLYTE_AWS_*, s3fs the AWS_* variables.
      processConfiguration.platformEnvironment.merge(s3.client.settings.taskEnvironment) { _, new in new }
      ray?.configuration.platformEnvironment.merge(s3.client.settings.taskEnvironment) { _, new in new }
    }
    if let sandbox {
      processConfiguration.sandbox = try Self.sandbox(sandbox, dataDirectory: directory, layout: layout)
    }
    let local = LocalProcessPlugin(configuration: processConfiguration, dataStore: dataStore)
    var plugins = PluginRegistry.Builder()
    if let ray {
      let rayPlugin = RayPlugin(configuration: ray.configuration, dataStore: dataStore, logger: logger)
      let placed = RayPlacementPlugin(ray: rayPlugin, other: local, placement: ray.placement)
      plugins.register(placed)
      plugins.setDefault(placed)
    } else {
      plugins.register(local)
      plugins.setDefault(local)
    }
    plugins.register(EchoPlugin(dataStore: dataStore))
    var environment = EngineEnvironment(
      dataStore: dataStore, layout: layout, plugins: try plugins.build(), keyValues: keyValues, logger: logger)
    environment.deadlines = deadlines
    return LocalRuntime(
      dataDirectory: directory, store: store, sqlite: sqlite, dataStore: dataStore, objectStore: objectStore,
      storage: selection,
      layout: layout,
      // Several `vane run` processes may share the data directory: each runs only its own.
      engine: Engine(configuration: .init(resyncsOwnedExecutionsOnly: true), store: store, environment: environment),
      ray: ray, localProcesses: local)
  }

  /// The sandbox on this data directory: the data directory and the home directory hidden, the
  /// local metadata root (when execution data is local) for each execution's own folder, and
  /// the raw, upload and code folders as the places input files may be mounted from. Checked
  /// with a trial sandbox.
  static func sandbox(
    _ configured: SandboxConfiguration, dataDirectory: String, layout: DataLayout
  ) throws -> SandboxConfiguration {
    var sandbox = configured
    let home = FileManager.default.homeDirectoryForCurrentUser.path
    sandbox.hiddenPaths += [dataDirectory, home, "/root", "/home"].filter { $0 != "/" }
    if let metadata = LocalProcessPlugin.localPath(layout.metadataRoot) { sandbox.metadataRoot = metadata }
    sandbox.inputRoots += ["raw", "uploads", "code"].map { dataDirectory + "/" + $0 }
    if let raw = LocalProcessPlugin.localPath(layout.rawOutputRoot) { sandbox.inputRoots.append(raw) }
    do throws(SandboxError) {
      return try SandboxProbe.checked(sandbox)
    } catch {
      throw CLIFailure.unavailable("sandbox: \(error.description)")
    }
  }

  /// After the last execution of this process ended: stops the fork servers and waits (at most
  /// 10 s) for them to exit, so nothing writes in the data directory once `vane run` returned.
  func finish() async {
    await localProcesses.stopWarmStarts(waitingAtMost: .seconds(10))
  }

  /// Checks that the Ray cluster's job API answers, when tasks are placed on one.
  func checkRay() async throws {
    try await ray?.checkReachable()
  }

  /// The data proxy on the selected object storage: presigned URLs of the bucket for uploads
  /// under the upload prefix and downloads under any of the prefixes (execution data belonging
  /// to what `owners` finds); nil without object storage.
  func bucketDataProxy(owners: DataOwnership?) -> BucketDataProxy? {
    guard let objectStore, let storage else { return nil }
    return BucketDataProxy(
      client: objectStore.client, uploadRoot: storage.uploadRoot,
      readableRoots: [storage.metadataRoot, storage.rawOutputRoot, storage.uploadRoot], owners: owners)
  }

  /// Checks that the selected buckets exist and the credentials may use them, so a wrong
  /// credential fails before an execution is created, naming the bucket.
  func checkStorage() async throws {
    guard let objectStore, let storage else { return }
    var checked: Set<String> = []
    for root in [storage.metadataRoot, storage.rawOutputRoot, storage.uploadRoot] {
      guard let bucket = (try? S3Location(root))?.bucket, checked.insert(bucket).inserted else { continue }
      do {
        guard try await objectStore.client.bucketExists(bucket) else {
          throw CLIFailure.badInput(
            "storage \(root): the bucket '\(bucket)' does not exist at \(objectStore.client.endpointDescription)")
        }
      } catch let error as DataError {
        throw CLIFailure.badInput("storage \(root): \(error.message)")
      }
    }
  }

  /// The secrets tasks may request: the secrets directory (when given; it must exist), then
  /// the engine's `VANE_SECRET_<GROUP>_<KEY>` variables.
  static func secretSource(directory: String?) throws -> any SecretSource {
    let environment = EnvironmentSecretSource(environment: ProcessInfo.processInfo.environment)
    guard let directory, !directory.isEmpty else { return environment }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw CLIFailure.badInput("\(directory): the secrets directory does not exist or is not a directory")
    }
    return SecretSources([DirectorySecretSource(root: directory), environment])
  }
}
