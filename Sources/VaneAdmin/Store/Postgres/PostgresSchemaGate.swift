/// Runs the schema migration once, the first time any store method needs the tables: the
/// connection pool only connects once its `run()` is under way, so the store cannot migrate
/// in its initialiser. Callers that arrive while the migration runs wait for it; after a
/// failure the next caller tries again.
actor PostgresSchemaGate {
  private var ready = false
  private var waiting: [CheckedContinuation<Void, any Error>]?

  func open(_ migrate: @Sendable () async throws(AdminError) -> Void) async throws(AdminError) {
    if ready { return }
    if waiting != nil {
      do {
        try await withCheckedThrowingContinuation { continuation in waiting?.append(continuation) }
      } catch let error as AdminError {
        throw error
      } catch {
        throw AdminError(.internalError, "\(error)", at: "PostgreSQL schema")
      }
      return
    }
    waiting = []
    do {
      try await migrate()
      ready = true
      let waiters = waiting ?? []
      waiting = nil
      for waiter in waiters { waiter.resume() }
    } catch {
      let waiters = waiting ?? []
      waiting = nil
      for waiter in waiters { waiter.resume(throwing: error) }
      throw error
    }
  }
}
