import FlyteIDL
import Foundation
import Logging
import ServiceLifecycle
import SwiftProtobuf
import VaneData
import VaneEngine
import VaneModel
import VanePlugins
import VaneS3
import VaneStore

/// Runs one shape through the embedded default in this process: a real engine over an SQLite
/// file (or a PostgreSQL schema, `--store postgres`) and a local data directory, echo tasks,
/// every event through the store and observers.
struct BenchRunner {
  var directory: String
  var workers: Int
  /// The engine's store (for SQLite, with its sync level).
  var stores: BenchStoreKind
  /// Prints a `PROGRESS {…}` line to stdout every few seconds (read by the parent on timeout).
  var reportsProgress = false
  /// The engine's round budgets (`--rounds unbounded` measures the engine before issue #13).
  var roundLimits = RoundLimits()

  func run(_ shape: BenchShape) async throws -> ShapeResult {
    // Left in place (Benchmarks/run.sh removes the runs at the end): deleting thousands of
    // inodes makes ext4 slow to allocate new ones for ~30 s, which would slow the next shape.
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var logger = Logger(label: "vane.bench")
    logger.logLevel = .error
    return try await BenchStores.with(stores, logger: logger) { stores in
      try await run(shape, on: stores, logger: logger)
    }
  }

  private func run(_ shape: BenchShape, on stores: BenchStores, logger: Logger) async throws -> ShapeResult {
    let store = CountingStore(base: stores.store)
    let localStore = LocalDataStore(root: directory + "/data")
    var dataStore: any DataStore = localStore
    var layout = DataLayout(dataDirectory: localStore.rootURI)
    var s3Client: S3Client?
    if shape.onObjectStorage {
      let (client, root) = try await Self.bucket()
      s3Client = client
      dataStore = S3DataStore(client: client)
      layout = DataLayout(dataDirectory: root)
    }
    var plugins = PluginRegistry.Builder()
    plugins.register(EchoPlugin(dataStore: dataStore))
    plugins.register(DynamicFanOutPlugin(dataStore: dataStore))
    var environment = EngineEnvironment(
      dataStore: dataStore, layout: layout, plugins: try plugins.build(), keyValues: stores.keyValues, logger: logger)
    environment.roundLimits = roundLimits
    let engine = Engine(
      configuration: .init(workers: workers, resyncInterval: .seconds(30)), store: store, environment: environment)
    let timeline = EventTimeline(expectedExecutions: shape.executions)
    engine.observe(timeline)

    let specs = (0..<shape.executions).map { index in spec(shape, index: index, layout: layout) }
    let writtenBefore = ProcessStats.writtenBytes()
    let group = ServiceGroup(configuration: .init(services: stores.services + engine.services, logger: logger))
    let clock = ContinuousClock()
    var start = clock.now
    var startDate = Date()
    var keys: [ResourceKey] = []
    var firstCreated: Date?
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      // Timed from here: waiting for PostgreSQL's LISTEN is setup, not engine work.
      await stores.ready()
      start = clock.now
      startDate = Date()
      if reportsProgress {
        let first = ResourceKey(project: FlyteBuilders.project, domain: FlyteBuilders.domain, name: "e0")
        tasks.addTask { [start] in
          await Self.reportProgress(of: first, store: store, timeline: timeline, since: start)
        }
      }
      for spec in specs {
        keys.append(try await engine.create(spec))
        if firstCreated == nil { firstCreated = Date() }
      }
      for await _ in timeline.allEnded { break }
      await group.triggerGracefulShutdown()
      tasks.cancelAll()
      try await tasks.waitForAll()
    }
    let wall = (clock.now - start).seconds
    let firstSeen = timeline.snapshot.nodes.lazy.map(\.observedAt).min()
    let written = ProcessStats.writtenBytes() - writtenBefore
    var result = try await figures(
      shape, keys: keys, wall: wall, written: written, timeline: timeline.snapshot, store: store,
      firstEventSeconds: firstSeen.map { $0 - startDate.timeIntervalSince1970 })
    result.store = stores.kind.name
    if let firstSeen, let firstCreated {
      result.firstEventAfterCreateSeconds = firstSeen - firstCreated.timeIntervalSince1970
    }
    result.databaseBytes = try await stores.databaseBytes()
    if let s3Client {
      let requests = s3Client.counter.snapshot
      let transitions = Double(max(1, result.nodeEvents))
      // Task nodes: every node in the status (start and end have none).
      let taskNodes = Double(max(1, result.nodesPerExecution * result.executions))
      result.s3Requests = requests
      result.s3WritesPerTaskNode = Double(requests["PutObject", default: 0]) / taskNodes
      result.s3ReadsPerTransition = Double(requests["GetObject", default: 0]) / transitions
      result.s3RequestsPerTransition =
        Double(requests.filter { !$0.key.hasPrefix("retry") }.values.reduce(0, +)) / transitions
    }
    return result
  }

  /// A client for the S3 server at `$VANE_BENCH_S3_URL` and a new bucket on it.
  private static func bucket() async throws -> (S3Client, DataURI) {
    guard let url = ProcessInfo.processInfo.environment["VANE_BENCH_S3_URL"], !url.isEmpty else {
      throw BenchOptions.UsageError(
        description: "the -s3 shapes need VANE_BENCH_S3_URL (Benchmarks/run.sh starts moto)")
    }
    let settings = S3Settings(
      endpoint: url, credentials: S3Credentials(accessKeyID: "vane-bench", secretAccessKey: "vane-bench"))
    let client = try S3Client(settings: settings)
    let name = "vane-bench-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
    try await client.createBucket(name)
    return (client, DataURI("s3://\(name)"))
  }

  /// Every 5 s until cancelled: node events so far, array items done in `key`, RSS.
  private static func reportProgress(
    of key: ResourceKey, store: CountingStore, timeline: EventTimeline, since start: ContinuousClock.Instant
  ) async {
    while (try? await Task.sleep(for: .seconds(5))) != nil {
      var items = 0
      if let stored = try? await store.getStatus(key),
        let status = try? stored.executionStatus()
      {
        items = status.nodes.values.reduce(0) { $0 + Int($1.array.succeeded) }
      }
      let line = String(
        format:
          "PROGRESS {\"seconds\":%.1f,\"nodeEvents\":%d,\"arrayItemsSucceeded\":%d,\"rssBytes\":%d,\"storeUpdates\":%d}",
        (ContinuousClock.now - start).seconds, timeline.snapshot.nodes.count, items, ProcessStats.currentRSS(),
        store.snapshot.updates)
      FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
  }

  private func spec(_ shape: BenchShape, index: Int, layout: DataLayout) -> Vane_ExecutionSpec {
    var spec = Vane_ExecutionSpec()
    spec.id.project = FlyteBuilders.project
    spec.id.domain = FlyteBuilders.domain
    spec.id.name = "e\(index)"
    spec.closure = shape.closure
    spec.inputs = shape.inputs
    spec.dataDir = layout.executionDirectory(spec.id).rawValue
    spec.config.rawOutputPrefix = layout.rawOutputRoot.rawValue
    spec.config.maxSystemFailures = 3
    return spec
  }

  private func figures(
    _ shape: BenchShape, keys: [ResourceKey], wall: Double, written: Int, timeline: EventTimeline.State,
    store: CountingStore, firstEventSeconds: Double?
  ) async throws -> ShapeResult {
    var result = ShapeResult(shape: shape.name, summary: shape.summary, outcome: "ok")
    result.firstEventSeconds = firstEventSeconds
    result.executions = keys.count
    result.wallSeconds = wall
    result.nodeEvents = timeline.nodes.count
    result.taskEvents = timeline.taskEvents
    result.nodeTransitionsPerSecond = Double(timeline.nodes.count) / wall
    result.executionsPerSecond = Double(keys.count) / wall
    if let (name, message) = timeline.failures.first {
      let unsupported = message.contains("not supported")
      result.outcome = unsupported ? "unsupported" : "failed"
      result.detail = "\(timeline.failures.count) of \(keys.count) failed; \(name): \(message)"
    }
    let latency = LatencyAnalysis(records: timeline.nodes, closure: shape.closure)
    result.latencySamples = latency.byTimestamp.count
    result.latencyP50Ms = LatencyAnalysis.percentile(latency.byTimestamp, 0.50)
    result.latencyP99Ms = LatencyAnalysis.percentile(latency.byTimestamp, 0.99)
    result.latencyObservedP50Ms = LatencyAnalysis.percentile(latency.byObservation, 0.50)
    result.latencyObservedP99Ms = LatencyAnalysis.percentile(latency.byObservation, 0.99)
    result.nodeDurationP50Ms = LatencyAnalysis.percentile(latency.nodeDurations, 0.50)
    result.nodeDurationP99Ms = LatencyAnalysis.percentile(latency.nodeDurations, 0.99)
    var statusBytes = 0
    var nodes = 0
    for key in keys {
      guard let stored = try await store.getStatus(key) else { continue }
      statusBytes += stored.byteCount
      result.largestStatusBytes = max(result.largestStatusBytes, stored.byteCount)
      let status = try stored.executionStatus()
      nodes += Self.count(status.nodes)
    }
    result.nodesPerExecution = keys.isEmpty ? 0 : nodes / keys.count
    result.statusBytesPerNode = nodes == 0 ? 0 : Double(statusBytes) / Double(nodes)
    let counts = store.snapshot
    result.storeUpdates = counts.updates
    let transitions = Double(max(1, timeline.nodes.count))
    result.storeBytesPerTransition = Double(counts.statusBytes + counts.eventBytes) / transitions
    result.writeSyscallBytesPerTransition = Double(written) / transitions
    result.peakRSSBytes = ProcessStats.peakRSS()
    return result
  }

  /// Node statuses in a tree, array items counted from the packed phase array.
  private static func count(_ nodes: [String: Vane_NodeStatus]) -> Int {
    nodes.values.reduce(0) { total, node in
      total + 1 + count(node.children) + Int(node.array.phases.count)
    }
  }
}

extension Duration {
  var seconds: Double {
    let (whole, fraction) = components
    return Double(whole) + Double(fraction) / 1e18
  }
}
