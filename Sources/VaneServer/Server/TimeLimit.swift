/// Work raced against a deadline: how start-up and the operator commands wait for a database
/// that may not answer (`connect_timeout`) without hanging.
public enum TimeLimit {
  /// What `work` returns, or nil when it did not finish within `limit` (it is cancelled then).
  /// Its errors are thrown as they are.
  public static func run<Value: Sendable>(
    within limit: Duration, _ work: @escaping @Sendable () async throws -> Value
  ) async throws -> Value? {
    try await withThrowingTaskGroup(of: Value?.self) { tasks in
      tasks.addTask { try await work() }
      tasks.addTask {
        try await Task.sleep(for: limit)
        return nil
      }
      defer { tasks.cancelAll() }
      return try await tasks.next() ?? nil
    }
  }
}
