import FlyteIDL

/// Runs tasks of some types: the boundary between the engine and whatever executes work
/// (local processes, connectors, Ray, Kubernetes…).
///
/// Every call is one non-blocking, idempotent step of one attempt. `handle` starts the attempt
/// when the plugin state says it has not started (or finds the attempt already started by an
/// earlier engine, keyed by `TaskExecutionContext.uniqueID`) and otherwise reports how it is
/// doing; it never waits for the work to finish. When the work changes state, the plugin calls
/// `context.wakeUp()` so the owning execution gets a round at once instead of at the next resync.
///
/// The engine — not the plugin — reads `error.pb` / `outputs.pb` / `futures.pb` after the
/// plugin reports `.success`, so a plugin only says whether the work ran to completion — or,
/// for an in-process plugin, hands the outputs back with `.success(outputs:)`.
/// A plugin writing node data through the engine's `DataStore` may `stage` it: the engine
/// flushes the store before it commits the round that called the plugin.
public protocol TaskPlugin: Sendable {
  /// A short, stable name for logs and events, e.g. `local-process`.
  var id: String { get }
  /// The task template `type`s this plugin runs, e.g. `python-task`, `container`.
  var taskTypes: Set<String> { get }
  /// Starts or checks the attempt described by `context`.
  func handle(_ context: TaskExecutionContext) async -> PluginTransition
  /// Stops the attempt if it is running. Safe to call when it never started or already ended.
  func abort(_ context: TaskExecutionContext, reason: String) async
  /// Releases what the attempt held (resources, watchers) once it reached a terminal phase.
  func finalize(_ context: TaskExecutionContext) async
}
