import Foundation
import VaneAdminStore
import VaneStore
import VaneTesting

/// The admin store implementations the contract tests run against.
enum StoreUnderTest: String, CaseIterable, Sendable {
  case sqlite, postgres

  /// Runs `body` with an empty store of this kind.
  func with(_ body: (any AdminStore) async throws -> Void) async throws {
    try await withReopening { store, _ in try await body(store) }
  }

  /// Runs `body` with an empty store of this kind and a function that opens the same
  /// database again with a new store (migrating it as a restarted server would).
  func withReopening(_ body: (SQLAdminStore, () async throws -> Void) async throws -> Void) async throws {
    switch self {
    case .sqlite:
      let directory = try TemporaryDirectory("vane-store")
      defer { directory.remove() }
      let database = try SQLiteDatabase(path: directory.path + "/vane.db")
      defer { database.close() }
      try await body(try SQLAdminStore(sqlite: database)) { _ = try SQLAdminStore(sqlite: database) }
    case .postgres:
      try await PostgresTestCluster.withStore { store, settings in
        try await body(store) { try await withPostgresStore(settings) { try await $0.prepare() } }
      }
    }
  }
}
