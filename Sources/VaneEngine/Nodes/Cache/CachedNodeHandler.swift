import FlyteIDL
import Foundation
import Logging
import VaneData
import VaneModel

/// The data cache as a handler decorator (as FlytePropeller wraps every cacheable handler):
/// for a task node whose task asks for caching (`cache=True` and a `cache_version` in
/// flytekit), the wrapped handler runs only when the cache cannot answer, and a successful
/// run's outputs are written to the cache. What to do when is `CacheDecision`'s (a pure state
/// machine); this type only does it, against the catalog and the wrapped handler.
///
/// `status.cacheStatus` stays 0 (`CACHE_DISABLED`) until the lookup is decided: that is how a
/// later round knows whether to look up again. Store failures never fail the node: the task
/// runs without the cache, as in Flyte.
struct CachedNodeHandler<Wrapped: NodeHandler>: NodeHandler {
  /// How long a reservation lasts without being extended; the owner extends it at least every
  /// third of this while its node runs.
  static var reservationLifetime: Duration { .seconds(30) }
  /// How often a node waiting on another's reservation looks again.
  static var waitInterval: Duration { .seconds(1) }

  let wrapped: Wrapped
  let catalog: CacheCatalog

  init(wrapping wrapped: Wrapped, catalog: CacheCatalog) {
    self.wrapped = wrapped
    self.catalog = catalog
  }

  func handle(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async -> HandlerVerdict {
    guard let task = Self.cacheableTask(visit) else {
      return await wrapped.handle(&visit, round: round, executor: executor)
    }
    var decision = CacheDecision(
      stored: Flyteidl_Core_CatalogCacheStatus(rawValue: Int(visit.status.cacheStatus)) ?? .cacheDisabled,
      overwrite: round.spec.config.overwriteCache, serializable: task.metadata.cacheSerializable,
      reservationLifetime: Self.reservationLifetime)
    let owner = Self.owner(of: visit, round: round)
    var step = decision.start()
    if let delay = decision.wakeUpAfter { round.wakeUp(after: delay) }
    var verdict: HandlerVerdict?
    while true {
      if let status = decision.status { visit.status.cacheStatus = Int32(status.rawValue) }
      switch step {
      case .computeKey:
        step = decision.keyComputed(await key(for: visit, task: task, round: round))
      case .lookUp(let key):
        step = decision.lookedUp(await lookUp(key, visit: visit, task: task, round: round))
      case .reserve(let key):
        step = decision.reserved(await reserve(key, owner: owner, round: round))
      case .run:
        let ran = await wrapped.handle(&visit, round: round, executor: executor)
        verdict = ran
        step = decision.ran(Self.outcome(of: ran, task: task))
      case .hit:
        return .success(outputs: visit.paths(round.layout).outputs)
      case .wait(let holder):
        return .waiting("waiting on serialized cache (computed by \(holder))", wakeUpAfter: Self.waitInterval)
      case .store(let key):
        step = decision.stored(await store(verdict, key: key, owner: owner, visit: visit, round: round))
      case .release(let key):
        await release(key, owner: owner, round: round)
        step = decision.released()
      case .finish:
        // `.finish` always follows `.run`, so the wrapped handler's verdict is there.
        return verdict ?? .running()
      }
    }
  }

  func abort(_ visit: inout NodeVisit, reason: String, round: RoundContext, executor: NodeExecutor) async {
    await wrapped.abort(&visit, reason: reason, round: round, executor: executor)
  }

  func finalize(_ visit: inout NodeVisit, round: RoundContext, executor: NodeExecutor) async {
    await wrapped.finalize(&visit, round: round, executor: executor)
  }

  /// The task of a task node that asks for caching (in its template or, overriding it, in the
  /// node's metadata).
  static func cacheableTask(_ visit: NodeVisit) -> Flyteidl_Core_TaskTemplate? {
    guard let task = visit.scope.plan.task(for: visit.node), task.metadata.discoverable else { return nil }
    return task
  }

  /// Who holds a reservation: the node execution (all its attempts).
  static func owner(of visit: NodeVisit, round: RoundContext) -> String {
    let id = round.executionID
    return "\(id.project)/\(id.domain)/\(id.name)/\(visit.uniqueID)"
  }

  private static func outcome(of verdict: HandlerVerdict, task: Flyteidl_Core_TaskTemplate) -> CacheDecision.RunOutcome
  {
    switch verdict.kind {
    case .success(let outputs): .succeeded(outputs: outputs != nil && !task.interface.outputs.variables.isEmpty)
    case .failure: .failed
    case .waiting, .running, .retryableFailure: .unfinished
    }
  }

  private func key(
    for visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, round: RoundContext
  ) async -> CacheDecision.KeyOutcome {
    do {
      let inputs = try await round.literalMap(at: visit.paths(round.layout).inputs)
      guard let key = try CacheKey(task: task, inputs: inputs) else { return .disabled }
      return .key(key)
    } catch {
      Self.log(round, visit, "cannot compute the cache key; running without the cache", error)
      return .failed
    }
  }

  /// Looks `key` up; on a hit the cached outputs are written as the node's outputs.
  private func lookUp(
    _ key: CacheKey, visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, round: RoundContext
  ) async -> CacheDecision.LookupOutcome {
    do {
      guard let outputs = try await catalog.outputs(for: key) else { return .miss }
      let missing = task.interface.outputs.variables.keys.filter { outputs.literals[$0] == nil }
      guard missing.isEmpty else {
        Self.log(round, visit, "cache entry \(key) lacks outputs \(missing.sorted()); recomputing", nil)
        return .miss
      }
      try await round.write(outputs, to: visit.paths(round.layout).outputs)
      return .hit
    } catch {
      Self.log(round, visit, "cache lookup failed; running the task", error)
      return .failed
    }
  }

  private func reserve(_ key: CacheKey, owner: String, round: RoundContext) async -> CacheCatalog.Claim {
    do {
      return try await catalog.reserve(key, owner: owner, now: round.now, lifetime: Self.reservationLifetime)
    } catch {
      round.logger.warning(
        "cache reservation failed; computing anyway", metadata: ["key": "\(key)", "error": "\(error)"])
      return .acquired
    }
  }

  private func release(_ key: CacheKey, owner: String, round: RoundContext) async {
    do {
      try await catalog.release(key, owner: owner)
    } catch {
      round.logger.warning("cache reservation not released", metadata: ["key": "\(key)", "error": "\(error)"])
    }
  }

  /// Writes the outputs of a successful run; false when that failed.
  private func store(
    _ verdict: HandlerVerdict?, key: CacheKey, owner: String, visit: NodeVisit, round: RoundContext
  ) async -> Bool {
    guard case .success(let outputs?)? = verdict?.kind else { return false }
    do {
      let map = try await round.literalMap(at: outputs)
      try await catalog.store(map, for: key, source: owner + "/\(visit.attempt)", at: round.now)
      return true
    } catch {
      Self.log(round, visit, "cannot write the cache entry", error)
      return false
    }
  }

  private static func log(_ round: RoundContext, _ visit: NodeVisit, _ message: String, _ error: (any Error)?) {
    var metadata: Logger.Metadata = ["execution": "\(round.key)", "node": "\(visit.uniqueID)"]
    if let error { metadata["error"] = "\(error)" }
    round.logger.warning("\(message)", metadata: metadata)
  }
}
