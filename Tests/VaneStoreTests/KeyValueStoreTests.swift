import Foundation
import Logging
import Testing
import VaneStore
import VaneStorePostgres
import VaneTesting

/// The `KeyValueStore` contract on SQLite and on PostgreSQL alike.
@Suite struct KeyValueStoreTests {
  @Test(arguments: StoreKind.allCases) func putGetRemoveAndPrefixKeys(_ kind: StoreKind) async throws {
    try await withKeyValueStore(kind) { store in
      try await store.put("cache", "task/a", bytes("1"))
      try await store.put("cache", "task/a", bytes("2"))
      try await store.put("cache", "task/b", bytes("3"))
      try await store.put("signals", "task/c", bytes("4"))
      #expect(try await store.value("cache", "task/a") == bytes("2"))
      #expect(try await store.value("cache", "missing") == nil)
      #expect(try await store.putIfAbsent("cache", "task/a", bytes("x")) == false)
      #expect(try await store.value("cache", "task/a") == bytes("2"))
      #expect(try await store.putIfAbsent("cache", "task/z", bytes("z")) == true)
      #expect(try await store.keys("cache", prefix: "task/") == ["task/a", "task/b", "task/z"])
      #expect(try await store.keys("cache", prefix: "task/b") == ["task/b"])
      #expect(try await store.keys("cache", prefix: "") == ["task/a", "task/b", "task/z"])
      #expect(try await store.remove("cache", "task/a") == true)
      #expect(try await store.remove("cache", "task/a") == false)
      #expect(try await store.value("signals", "task/c") == bytes("4"))
      #expect(try await store.keys("signals", prefix: "task/") == ["task/c"])
    }
  }

  @Test(arguments: StoreKind.allCases) func keysComeInByteOrderAndPrefixesAreLiteral(_ kind: StoreKind) async throws {
    try await withKeyValueStore(kind) { store in
      // Upper case sorts before lower case and "é" after "z" in bytes; "%" and "_" are no
      // wildcards in a prefix.
      for name in ["b", "B", "é", "z", "a%", "a_", "ab"] { try await store.put("n", name, Data()) }
      #expect(try await store.keys("n", prefix: "") == ["B", "a%", "a_", "ab", "b", "z", "é"])
      #expect(try await store.keys("n", prefix: "a%") == ["a%"])
      #expect(try await store.keys("n", prefix: "a_") == ["a_"])
    }
  }

  @Test(arguments: StoreKind.allCases) func exactlyOneOfManyRacingPutIfAbsentWins(_ kind: StoreKind) async throws {
    try await withKeyValueStore(kind) { store in
      let winners = try await withThrowingTaskGroup(of: Int?.self) { racers in
        for racer in 0..<16 {
          racers.addTask { try await store.putIfAbsent("signals", "gate", bytes("\(racer)")) ? racer : nil }
        }
        var winners: [Int] = []
        for try await winner in racers { if let winner { winners.append(winner) } }
        return winners
      }
      #expect(winners.count == 1)
      #expect(try await store.value("signals", "gate") == bytes("\(try #require(winners.first))"))
    }
  }

  @Test func postgresRefusesWhatItCannotHoldAndStoresTheLimits() async throws {
    try await withKeyValueStore(.postgres) { store in
      let longest = String(repeating: "k", count: PostgresKeyValueStore.maxKeyBytes)
      let bad: [(namespace: String, key: String, value: Data)] = [
        ("n", "a\u{0}b", Data()), ("n\u{0}", "a", Data()), ("n", longest + "k", Data()), (longest + "n", "a", Data()),
        ("n", "a", Data(count: PostgresKeyValueStore.maxValueBytes + 1)),
      ]
      for (namespace, key, value) in bad {
        #expect(await storeErrorCode { try await store.put(namespace, key, value) } == .invalidArgument)
        #expect(await storeErrorCode { _ = try await store.putIfAbsent(namespace, key, value) } == .invalidArgument)
      }
      #expect(await storeErrorCode { _ = try await store.value("n", "a\u{0}") } == .invalidArgument)
      #expect(await storeErrorCode { _ = try await store.remove("n", longest + "k") } == .invalidArgument)
      #expect(await storeErrorCode { _ = try await store.keys("n\u{0}", prefix: "") } == .invalidArgument)
      #expect(try await store.keys("n", prefix: "").isEmpty)

      let value = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0) })
      try await store.put(longest, longest, value)
      #expect(try await store.value(longest, longest) == value)
    }
  }
}

/// Runs `body` with a fresh key-value store of `kind`.
func withKeyValueStore<Result: Sendable>(
  _ kind: StoreKind, _ body: (any KeyValueStore) async throws -> Result
) async throws -> Result {
  switch kind {
  case .sqlite:
    return try await withTemporaryDirectory { directory in
      let database = try SQLiteDatabase(path: directory + "/kv.db")
      defer { database.close() }
      return try await body(try SQLiteKeyValueStore(database: database))
    }
  case .postgres:
    return try await withPostgresStore { resources in
      try await body(
        try await PostgresKeyValueStore.open(
          client: resources.client, schema: resources.schema, logger: Logger(label: "kv-test")))
    }
  }
}
