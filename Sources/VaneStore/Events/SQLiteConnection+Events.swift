import Foundation

extension SQLiteConnection {
  /// Appends `events` on this connection, numbering each execution's events after its last
  /// stored one, in the order given, and returns them with their numbers. Call inside a write
  /// transaction: the numbering reads then inserts, so only the write lock keeps it gap-free.
  /// Every key is checked before anything is inserted.
  func appendEvents(_ events: [NewExecutionEvent], operation: String) throws(StoreError) -> [ExecutionEvent] {
    for event in events { try event.key.validate(operation) }
    var nextSequence: [ResourceKey: Int64] = [:]
    var appended: [ExecutionEvent] = []
    appended.reserveCapacity(events.count)
    for event in events {
      let sequence: Int64
      if let next = nextSequence[event.key] {
        sequence = next
      } else {
        sequence = try lastEventSequence(event.key) + 1
      }
      nextSequence[event.key] = sequence + 1
      let occurredAt = SQLiteEventLog.microseconds(event.occurredAt)
      try withStatement(
        """
        INSERT INTO execution_events (project, domain, name, seq, kind, phase, occurred_at, payload)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        """
      ) { statement throws(StoreError) in
        try statement.bindKey(event.key)
        try statement.bind(sequence, at: 4)
        try statement.bind(Int64(event.kind.rawValue), at: 5)
        try statement.bind(Int64(event.phase), at: 6)
        try statement.bind(occurredAt, at: 7)
        try statement.bind(event.payload, at: 8)
        try statement.run()
      }
      appended.append(
        ExecutionEvent(
          key: event.key, sequence: sequence, kind: event.kind, phase: event.phase,
          occurredAt: SQLiteEventLog.date(occurredAt), payload: event.payload))
    }
    return appended
  }

  /// The highest sequence number stored for `key`, 0 when it has no events.
  func lastEventSequence(_ key: ResourceKey) throws(StoreError) -> Int64 {
    try withStatement(
      "SELECT coalesce(max(seq), 0) FROM execution_events WHERE project = ?1 AND domain = ?2 AND name = ?3"
    ) { statement throws(StoreError) -> Int64 in
      try statement.bindKey(key)
      return try statement.step() ? statement.int64(0) : 0
    }
  }
}
