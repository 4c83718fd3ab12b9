import FlyteIDL
import Foundation
import Logging
import VaneData
import VaneModel

/// The data cache around the handler of a cacheable task node (`cache=True` and a
/// `cache_version` in flytekit), applied by the node executor as FlytePropeller applies it to
/// every cacheable handler (plain and dynamic tasks alike):
///
///     undecided ─▶ overwrite_cache ────────────────▶ SKIPPED   run, then replace the entry
///               ─▶ entry found ────────────────────▶ HIT       outputs copied, nothing runs
///               ─▶ cache_serialize, held elsewhere ─▶ (stays queued, looks again each second)
///               ─▶ otherwise ──────────────────────▶ MISS      run (holding the reservation
///                                                              when serialized, extended
///                                                              while the node runs)
///     run succeeded ─▶ entry written ─▶ POPULATED (PUT_FAILURE when writing failed);
///                      reservation released (also on a permanent failure)
///
/// `status.cacheStatus` stays 0 (`CACHE_DISABLED`) until the lookup is decided: that is how
/// a later round knows whether to look up again. Store failures never fail the node: the task
/// runs without the cache, as in Flyte.
enum TaskCache {
  /// How long a reservation lasts without being extended; the owner extends it at least every
  /// third of this while its node runs.
  static let reservationLifetime: Duration = .seconds(30)
  /// How often a node waiting on another's reservation looks again.
  static let waitInterval: Duration = .seconds(1)

  /// Runs `handle` for the node unless the cache answers for it, and records the outcome.
  static func handle(
    _ visit: inout NodeVisit, round: RoundContext, handle: (inout NodeVisit) async -> HandlerVerdict
  ) async -> HandlerVerdict {
    guard let task = cacheableTask(visit) else { return await handle(&visit) }
    let catalog = CacheCatalog(keyValues: round.environment.keyValues)
    let owner = owner(of: visit, round: round)
    let serialized = task.metadata.cacheSerializable && !round.spec.config.overwriteCache
    var status = Flyteidl_Core_CatalogCacheStatus(rawValue: Int(visit.status.cacheStatus)) ?? .cacheDisabled
    var key: CacheKey?
    if status == .cacheDisabled {
      switch await computeKey(for: visit, task: task, round: round) {
      case .disabled:
        return await handle(&visit)
      case .failed:
        status = .cacheLookupFailure
      case .key(let found):
        key = found
        if round.spec.config.overwriteCache {
          status = .cacheSkipped
        } else {
          switch await lookUp(found, visit: &visit, task: task, catalog: catalog, round: round) {
          case .hit(let verdict): return verdict
          case .miss: status = .cacheMiss
          case .failed: status = .cacheLookupFailure
          }
          if serialized, case .heldBy(let holder) = await reserve(found, owner: owner, catalog: catalog, round: round) {
            return .waiting("waiting on serialized cache (computed by \(holder.owner))", checkAgainAfter: waitInterval)
          }
        }
      }
      visit.status.cacheStatus = Int32(status.rawValue)
    } else if serialized, status == .cacheMiss || status == .cacheLookupFailure {
      // Still running: keep the reservation alive. Lost to someone else after an expiry
      // (this engine was stopped for long): keep running anyway, as Flyte does.
      if case .key(let found) = await computeKey(for: visit, task: task, round: round) {
        key = found
        _ = await reserve(found, owner: owner, catalog: catalog, round: round)
      }
      round.checkAgain(after: reservationLifetime / 3)
    }

    let verdict = await handle(&visit)
    switch verdict.kind {
    case .success, .failure:
      break
    default:
      return verdict
    }
    if key == nil, case .key(let found) = await computeKey(for: visit, task: task, round: round) { key = found }
    guard let key else { return verdict }
    if case .success(let outputs) = verdict.kind,
      let stored = await store(outputs, key: key, visit: visit, task: task, catalog: catalog, round: round)
    {
      visit.status.cacheStatus = Int32(stored.rawValue)
    }
    if serialized { await release(key, owner: owner, catalog: catalog, round: round) }
    return verdict
  }

  /// The task of a task node whose template asks for caching.
  private static func cacheableTask(_ visit: NodeVisit) -> Flyteidl_Core_TaskTemplate? {
    guard case .taskNode(let taskNode)? = visit.node.target, let task = visit.scope.plan.task(taskNode.referenceID),
      task.metadata.discoverable
    else { return nil }
    return task
  }

  /// Who holds a reservation: the node execution (all its attempts).
  private static func owner(of visit: NodeVisit, round: RoundContext) -> String {
    let id = round.executionID
    return "\(id.project)/\(id.domain)/\(id.name)/\(visit.uniqueID)"
  }

  private enum KeyResult {
    case key(CacheKey)
    /// No cache version: the task is not cached.
    case disabled
    case failed
  }

  private static func computeKey(
    for visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, round: RoundContext
  ) async
    -> KeyResult
  {
    do {
      let inputs = try await round.literalMap(at: visit.paths(round.layout).inputs)
      guard let key = try CacheKey(task: task, inputs: inputs) else { return .disabled }
      return .key(key)
    } catch {
      log(round, visit, "cannot compute the cache key; running without the cache", error)
      return .failed
    }
  }

  private enum Lookup {
    case hit(HandlerVerdict)
    case miss
    case failed
  }

  private static func lookUp(
    _ key: CacheKey, visit: inout NodeVisit, task: Flyteidl_Core_TaskTemplate, catalog: CacheCatalog,
    round: RoundContext
  ) async -> Lookup {
    do {
      guard let outputs = try await catalog.outputs(for: key) else { return .miss }
      let missing = task.interface.outputs.variables.keys.filter { outputs.literals[$0] == nil }
      guard missing.isEmpty else {
        log(round, visit, "cache entry \(key) lacks outputs \(missing.sorted()); recomputing", nil)
        return .miss
      }
      let uri = visit.paths(round.layout).outputs
      try await round.write(outputs, to: uri)
      visit.status.cacheStatus = Int32(Flyteidl_Core_CatalogCacheStatus.cacheHit.rawValue)
      return .hit(.success(outputs: uri))
    } catch {
      log(round, visit, "cache lookup failed; running the task", error)
      return .failed
    }
  }

  private static func reserve(
    _ key: CacheKey, owner: String, catalog: CacheCatalog, round: RoundContext
  ) async
    -> CacheCatalog.Claim
  {
    do {
      return try await catalog.reserve(key, owner: owner, now: round.now, lifetime: reservationLifetime)
    } catch {
      round.logger.warning(
        "cache reservation failed; computing anyway", metadata: ["key": "\(key)", "error": "\(error)"])
      return .acquired
    }
  }

  private static func release(_ key: CacheKey, owner: String, catalog: CacheCatalog, round: RoundContext) async {
    do {
      try await catalog.release(key, owner: owner)
    } catch {
      round.logger.warning("cache reservation not released", metadata: ["key": "\(key)", "error": "\(error)"])
    }
  }

  /// Writes the outputs of a successful run; the new cache status, or nil when the task has
  /// no outputs (Flyte does not cache those).
  private static func store(
    _ outputs: DataURI?, key: CacheKey, visit: NodeVisit, task: Flyteidl_Core_TaskTemplate, catalog: CacheCatalog,
    round: RoundContext
  ) async -> Flyteidl_Core_CatalogCacheStatus? {
    guard let outputs, !task.interface.outputs.variables.isEmpty else { return nil }
    do {
      let map = try await round.literalMap(at: outputs)
      try await catalog.store(
        map, for: key, source: owner(of: visit, round: round) + "/\(visit.attempt)", at: round.now)
      return .cachePopulated
    } catch {
      log(round, visit, "cannot write the cache entry", error)
      return .cachePutFailure
    }
  }

  private static func log(_ round: RoundContext, _ visit: NodeVisit, _ message: String, _ error: (any Error)?) {
    var metadata: Logger.Metadata = ["execution": "\(round.key)", "node": "\(visit.uniqueID)"]
    if let error { metadata["error"] = "\(error)" }
    round.logger.warning("\(message)", metadata: metadata)
  }
}
