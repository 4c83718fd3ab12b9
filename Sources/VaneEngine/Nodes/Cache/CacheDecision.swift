import FlyteIDL

/// What the data cache decides around one visit of a cacheable task node: a pure state
/// machine. `CachedNodeHandler` feeds it what it found (the key, the catalog's answers, the
/// wrapped handler's verdict) and does the step it returns; the machine never touches a store.
///
///     start ─┬─(no status yet)──────▶ computeKey ─┬─ no cache version ─▶ run (not cached)
///            │                                    ├─ failed ─▶ LOOKUP_FAILURE, run
///            │                                    ├─ overwrite_cache ─▶ SKIPPED, run
///            │                                    └─ key ─▶ lookUp ─┬─ hit ─▶ HIT (returns outputs)
///            │                                                      └─ miss / failed ─▶ MISS / LOOKUP_FAILURE
///            │                         (cache_serialize) reserve ─┬─ acquired ─▶ run
///            │                                                     └─ held ─▶ wait (status kept open)
///            ├─(serialized, still running)─▶ computeKey ─▶ reserve (extends it) ─▶ run
///            └─(decided earlier)──────────▶ run
///     run ─▶ not finished ─▶ finish
///         └▶ finished ─▶ (key known or computed) ─▶ store (success with outputs):
///                         POPULATED / PUT_FAILURE ─▶ release (cache_serialize) ─▶ finish
///
/// `status` is the cache status to record once it is decided; while it is nil (a node waiting
/// on another's reservation) the next round looks up again.
struct CacheDecision {
  /// What the handler does next.
  enum Step: Equatable {
    /// Compute the key from the node's inputs and report it with `keyComputed(_:)`.
    case computeKey
    /// Look the key up; report with `lookedUp(_:)`.
    case lookUp(CacheKey)
    /// Take or extend the key's reservation; report with `reserved(_:)`.
    case reserve(CacheKey)
    /// Run the wrapped handler; report its verdict with `ran(_:)`.
    case run
    /// The cache answered: the cached outputs are the node's outputs.
    case hit
    /// Another execution computes the key; the node waits for its entry.
    case wait(holder: String)
    /// Store the outputs under the key; report with `stored(_:)`.
    case store(CacheKey)
    /// Give the reservation up; report with `released()`.
    case release(CacheKey)
    /// Nothing more to do: return the wrapped handler's verdict.
    case finish
  }

  /// A key computation's outcome.
  enum KeyOutcome: Equatable {
    case key(CacheKey)
    /// The task has no cache version: it is not cached.
    case disabled
    case failed
  }

  /// A lookup's outcome.
  enum LookupOutcome: Equatable {
    case hit, miss, failed
  }

  /// What the wrapped handler's verdict means for the cache.
  enum RunOutcome: Equatable {
    /// Still going (waiting, running, or a failure another attempt may fix).
    case unfinished
    /// Succeeded; `outputs` when it produced an outputs file to cache.
    case succeeded(outputs: Bool)
    /// Failed for good.
    case failed
  }

  private enum State: Equatable {
    case start
    case keying(Purpose)
    case lookingUp(CacheKey)
    case reserving(CacheKey, extending: Bool)
    case running(CacheKey?, cached: Bool)
    case storing(CacheKey)
    case releasing
    case done
  }

  private enum Purpose: Equatable {
    case decide, extend, store
  }

  /// The status stored before this visit.
  let stored: Flyteidl_Core_CatalogCacheStatus
  /// The execution asked to recompute and replace entries (`overwrite_cache`).
  let overwrite: Bool
  /// Only one execution computes a key at a time (`cache_serialize`, unless overwriting).
  let serialized: Bool
  /// The cache status to record, once decided in this visit.
  private(set) var status: Flyteidl_Core_CatalogCacheStatus?
  /// When the node must be looked at again at the latest (to keep a reservation alive).
  private(set) var wakeUpAfter: Duration?
  private var state = State.start
  private var pending: Flyteidl_Core_CatalogCacheStatus?
  private var outcome = RunOutcome.unfinished
  private let reservationLifetime: Duration

  init(
    stored: Flyteidl_Core_CatalogCacheStatus, overwrite: Bool, serializable: Bool, reservationLifetime: Duration
  ) {
    self.stored = stored
    self.overwrite = overwrite
    self.serialized = serializable && !overwrite
    self.reservationLifetime = reservationLifetime
  }

  /// The first step of the visit.
  mutating func start() -> Step {
    precondition(state == .start, "start() called twice")
    if stored == .cacheDisabled {
      state = .keying(.decide)
      return .computeKey
    }
    if serialized, stored == .cacheMiss || stored == .cacheLookupFailure {
      // Still running: keep the reservation alive. Lost to someone else after an expiry (this
      // engine was stopped for long): keep running anyway, as Flyte does.
      wakeUpAfter = reservationLifetime / 3
      state = .keying(.extend)
      return .computeKey
    }
    state = .running(nil, cached: true)
    return .run
  }

  mutating func keyComputed(_ result: KeyOutcome) -> Step {
    guard case .keying(let purpose) = state else { preconditionFailure("no key was asked for") }
    switch (purpose, result) {
    case (.decide, .disabled):
      state = .running(nil, cached: false)
      return .run
    case (.decide, .failed):
      status = .cacheLookupFailure
      state = .running(nil, cached: true)
      return .run
    case (.decide, .key(let key)):
      if overwrite {
        status = .cacheSkipped
        state = .running(key, cached: true)
        return .run
      }
      state = .lookingUp(key)
      return .lookUp(key)
    case (.extend, .key(let key)):
      state = .reserving(key, extending: true)
      return .reserve(key)
    case (.extend, _):
      state = .running(nil, cached: true)
      return .run
    case (.store, .key(let key)):
      return afterRun(key)
    case (.store, _):
      state = .done
      return .finish
    }
  }

  mutating func lookedUp(_ result: LookupOutcome) -> Step {
    guard case .lookingUp(let key) = state else { preconditionFailure("no lookup was asked for") }
    switch result {
    case .hit:
      status = .cacheHit
      state = .done
      return .hit
    case .miss, .failed:
      let decided: Flyteidl_Core_CatalogCacheStatus = result == .miss ? .cacheMiss : .cacheLookupFailure
      guard serialized else {
        status = decided
        state = .running(key, cached: true)
        return .run
      }
      pending = decided
      state = .reserving(key, extending: false)
      return .reserve(key)
    }
  }

  mutating func reserved(_ claim: CacheCatalog.Claim) -> Step {
    guard case .reserving(let key, let extending) = state else { preconditionFailure("no reservation was asked for") }
    if !extending, case .heldBy(let holder) = claim {
      // Undecided: the next round looks up again, and finds the holder's entry once written.
      state = .done
      return .wait(holder: holder.owner)
    }
    if let pending { status = pending }
    state = .running(key, cached: true)
    return .run
  }

  mutating func ran(_ result: RunOutcome) -> Step {
    guard case .running(let key, let cached) = state else { preconditionFailure("nothing was run") }
    outcome = result
    guard result != .unfinished, cached else {
      state = .done
      return .finish
    }
    guard let key else {
      state = .keying(.store)
      return .computeKey
    }
    return afterRun(key)
  }

  mutating func stored(_ succeeded: Bool) -> Step {
    guard case .storing(let key) = state else { preconditionFailure("nothing was stored") }
    status = succeeded ? .cachePopulated : .cachePutFailure
    return release(key)
  }

  mutating func released() -> Step {
    guard state == .releasing else { preconditionFailure("nothing was released") }
    state = .done
    return .finish
  }

  /// A finished run with its key: store a success's outputs (Flyte caches nothing for a task
  /// without outputs), then give the reservation up.
  private mutating func afterRun(_ key: CacheKey) -> Step {
    if outcome == .succeeded(outputs: true) {
      state = .storing(key)
      return .store(key)
    }
    return release(key)
  }

  private mutating func release(_ key: CacheKey) -> Step {
    guard serialized else {
      state = .done
      return .finish
    }
    state = .releasing
    return .release(key)
  }
}
