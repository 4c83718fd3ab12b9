import Foundation
import VaneAdmin
import VaneStore

/// The admin store implementations the contract tests run against.
enum StoreUnderTest: String, CaseIterable, Sendable {
  case sqlite, postgres

  /// Runs `body` with an empty store of this kind.
  func with(_ body: (any AdminStore) async throws -> Void) async throws {
    switch self {
    case .sqlite:
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vane-store-\(UUID().uuidString)")
        .path
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(atPath: directory) }
      let database = try SQLiteDatabase(path: directory + "/vane.db")
      defer { database.close() }
      try await body(try SQLiteAdminStore(database: database))
    case .postgres:
      try await PostgresTestCluster.withStore { store in try await body(store) }
    }
  }
}
