import Foundation
import Testing
import VaneData
import VaneTesting

/// A staged write that cannot be written fails only its owner's flush (issue #9, repro 1):
/// before, it stayed in the write-behind queue and every later flush — of any execution —
/// threw, so no execution could commit a round again.
@Suite struct StagedWriteOwnerTests {
  /// A file name longer than any file system allows (ENAMETOOLONG), as a 5,000-character
  /// project name once produced.
  static let tooLong = String(repeating: "p", count: 5000)

  @Test func aFailedStagedWriteFailsOnlyItsOwnersFlush() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    let bad = store.rootURI.appending(Self.tooLong, "inputs.pb")
    let good = store.rootURI.appending("flytesnacks", "development", "ok", "inputs.pb")

    try await StagingOwner.$current.withValue("poison") { () async throws in
      try await store.stage(Data("never lands".utf8), to: bad)
    }
    try await StagingOwner.$current.withValue("healthy") { () async throws in
      try await store.stage(Data("lands".utf8), to: good)
      try await store.flush()  // another execution's flush is not held up by the poison write
    }
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: directory.path + "/flytesnacks/development/ok/inputs.pb"))
        == Data("lands".utf8))
    try await store.flush()  // nor is a flush outside any round

    let failure = await StagingOwner.$current.withValue("poison") { () async -> DataError? in
      do {
        try await store.flush()
        return nil
      } catch {
        return error as? DataError
      }
    }
    #expect(failure?.code == .ioFailed)
    #expect(failure?.message.contains("File name too long") == true, "\(String(describing: failure))")

    // The owner was told; its round failed and will stage anew, so the write is forgotten.
    try await StagingOwner.$current.withValue("poison") { () async throws in try await store.flush() }
    #expect(try await !store.exists(bad))
  }
}
