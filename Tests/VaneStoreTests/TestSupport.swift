import Foundation
import VaneStore
import VaneTesting

/// Runs `body` with the path of a fresh temporary directory, removed afterwards.
func withTemporaryDirectory<Result>(_ body: (String) async throws -> Result) async throws -> Result {
  try await VaneTesting.withTemporaryDirectory("vane-store-tests") { directory in try await body(directory.path) }
}

/// Runs `body` with a store on a fresh database file, closed afterwards.
func withStore<Result>(_ body: (SQLiteResourceStore, String) async throws -> Result) async throws -> Result {
  try await withTemporaryDirectory { directory in
    let path = directory + "/vane.db"
    let store = try SQLiteResourceStore(path: path)
    defer { store.close() }
    return try await body(store, path)
  }
}

/// A key in the test project and domain.
func key(_ name: String) -> ResourceKey {
  ResourceKey(project: "flytesnacks", domain: "development", name: name)
}

/// Bytes that say what they are, for checking round trips.
func bytes(_ text: String) -> Data {
  Data(text.utf8)
}

/// The error code of `body`, or `nil` when it succeeded.
func storeErrorCode(_ body: () async throws -> Void) async -> StoreError.Code? {
  do {
    try await body()
    return nil
  } catch let error as StoreError {
    return error.code
  } catch {
    return StoreError.Code(rawValue: "not a StoreError: \(error)")
  }
}
