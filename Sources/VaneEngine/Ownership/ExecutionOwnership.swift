public import VaneStore

/// Which executions this engine may run rounds for, when several engines share one store and
/// divide it (replicas holding shard leases). Without one an engine runs every execution it
/// is told about.
///
/// `owns` is asked before every round and for every change the store reports, so it must be
/// cheap (a lookup, no I/O) and must turn false *before* the lease behind it can have been
/// taken over by another engine: a round that starts must be able to finish and write while
/// its lease still holds (writes are fenced as well, for rounds that run late anyway).
public protocol ExecutionOwnership: Sendable {
  /// Whether this engine may run a round of `key` now.
  func owns(_ key: ResourceKey) -> Bool

  /// Asks whichever engine owns `key` for a round of it (a signal was set, a child execution
  /// ended): `key` is not this engine's to run. Best effort; that engine's resync covers a
  /// lost request.
  func wakeOwner(of key: ResourceKey)
}
