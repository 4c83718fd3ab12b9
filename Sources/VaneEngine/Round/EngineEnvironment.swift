public import Logging
public import VaneData
public import VaneModel
public import VaneStore

/// The services every round uses, fixed for the engine's lifetime.
public struct EngineEnvironment: Sendable {
  public var dataStore: any DataStore
  public var layout: DataLayout
  public var plugins: PluginRegistry
  /// Small durable state outside execution resources: signals, the data cache catalog.
  public var keyValues: any KeyValueStore
  /// Retries allowed for system errors per node (Flyte's default is 3).
  public var systemRetries: UInt32
  /// When attempts stop being interruptible: after N system failures (N > 0), or for the last
  /// -N attempts of the system budget (N <= 0; Flyte's default is -1).
  public var interruptibleFailureThreshold: Int32 = -1
  /// Default deadlines of nodes and executions (none unless configured).
  public var deadlines = EngineDeadlines()
  /// How much one round may do before it commits, and the largest status written.
  public var roundLimits = RoundLimits()
  /// Names this engine in events (`producer_id`).
  public var producerID: String
  public var logger: Logger
  /// The one clock of the engine: round timestamps, deadlines, delayed rounds, back-off and
  /// resyncs all read it; tests pass a manual one.
  public var clock: any WallClock

  public init(
    dataStore: any DataStore, layout: DataLayout, plugins: PluginRegistry,
    keyValues: any KeyValueStore = MemoryKeyValueStore(), systemRetries: UInt32 = 3,
    producerID: String = "vane", logger: Logger = Logger(label: "vane.engine"),
    clock: any WallClock = SystemClock()
  ) {
    self.dataStore = dataStore
    self.layout = layout
    self.plugins = plugins
    self.keyValues = keyValues
    self.systemRetries = systemRetries
    self.producerID = producerID
    self.logger = logger
    self.clock = clock
  }
}
