import Synchronization

/// Whether the admin tables are known to be current. The first caller migrates; callers that
/// arrive meanwhile migrate too, which is harmless (a migration holds the database's lock and
/// finds nothing left to do), and a failed migration is tried again by the next caller.
final class SchemaGate: Sendable {
  private let ready = Mutex(false)

  /// Runs `migrate` unless a migration already succeeded.
  func open(_ migrate: () async throws(AdminError) -> Void) async throws(AdminError) {
    if ready.withLock({ $0 }) { return }
    try await migrate()
    ready.withLock { $0 = true }
  }

  /// Records a migration done without suspending (a store opened synchronously).
  func markOpen() {
    ready.withLock { $0 = true }
  }
}
