import FlyteIDL
import Foundation
import Logging
import VaneModel

/// Map item caching, as Flyte 1.16's array node caches each of its sub-nodes: when the mapped
/// task is cacheable (`cache=True` and a `cache_version`, on the task or on the mapped node),
/// an item is looked up by the task and its own inputs before it starts — a hit succeeds the
/// item with the cached outputs, no process started — and a succeeded item's outputs are
/// stored. The key is the data cache's (`CacheKey`), so a plain task node with the same task
/// and inputs shares entries with the map's items.
///
/// As for task nodes, a failing cache never fails an item: it runs without the cache.
/// `overwrite_cache` skips the lookups and replaces the entries. `cache_serialize` is not
/// applied to items (they are one node's work, and two items with equal inputs would run at
/// once anyway).
struct ArrayItemCache {
  let catalog: CacheCatalog
  let task: Flyteidl_Core_TaskTemplate
  let overwrite: Bool

  /// The cache of `task`'s items; nil when the task is not cacheable.
  init?(task: Flyteidl_Core_TaskTemplate, catalog: CacheCatalog?, overwrite: Bool) {
    guard let catalog, task.metadata.discoverable,
      !task.metadata.discoveryVersion.trimmingCharacters(in: .whitespaces).isEmpty
    else { return nil }
    self.catalog = catalog
    self.task = task
    self.overwrite = overwrite
  }

  /// The key of an item with `inputs`; nil when it cannot be computed.
  func key(for inputs: Flyteidl_Core_LiteralMap, round: RoundContext) -> CacheKey? {
    do {
      return try CacheKey(task: task, inputs: inputs)
    } catch {
      round.logger.warning("cannot compute a map item's cache key", metadata: ["error": "\(error)"])
      return nil
    }
  }

  /// The cached outputs for `key` when the entry is there and complete; nil otherwise (or
  /// with `overwrite_cache`).
  func lookUp(_ key: CacheKey, round: RoundContext) async -> Flyteidl_Core_LiteralMap? {
    guard !overwrite else { return nil }
    do {
      guard let outputs = try await catalog.outputs(for: key) else { return nil }
      let complete = task.interface.outputs.variables.keys.allSatisfy { outputs.literals[$0] != nil }
      return complete ? outputs : nil
    } catch {
      round.logger.warning("map item cache lookup failed", metadata: ["key": "\(key)", "error": "\(error)"])
      return nil
    }
  }

  /// Stores a succeeded item's outputs under `key`.
  func store(_ outputs: Flyteidl_Core_LiteralMap, for key: CacheKey, source: String, round: RoundContext) async {
    do {
      try await catalog.store(outputs, for: key, source: source, at: round.now)
    } catch {
      round.logger.warning("cannot write a map item's cache entry", metadata: ["key": "\(key)", "error": "\(error)"])
    }
  }
}
