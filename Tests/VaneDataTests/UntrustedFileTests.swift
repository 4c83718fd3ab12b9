import Foundation
import Testing
import VaneData
import VaneTesting

#if canImport(Glibc)
import Glibc
#endif

/// What a task leaves in the data directory is untrusted (issue #9, repro 3): a sparse 2 TB
/// `outputs.pb`, a link to a file outside, a FIFO, a link loop. The store refuses each with a
/// clear error instead of trapping, reading someone else's file, blocking or looping.
@Suite struct UntrustedFileTests {
  let directory: TemporaryDirectory
  let store: LocalDataStore

  init() throws {
    directory = try TemporaryDirectory()
    store = LocalDataStore(root: directory.path, maxObjectBytes: 100)
  }

  func path(_ relative: String) throws -> String {
    let path = directory.path + "/" + relative
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    return path
  }

  func code(_ operation: () async throws(DataError) -> Void) async -> DataError.Code? {
    do {
      try await operation()
      return nil
    } catch {
      return error.code
    }
  }

  @Test func aSparseTwoTerabyteFileIsRefusedBeforeAnythingIsAllocated() async throws {
    defer { directory.remove() }
    let file = try path("exec/n0/0/outputs.pb")
    #expect(FileManager.default.createFile(atPath: file, contents: nil))
    #expect(truncate(file, 2 << 40) == 0)
    let large = LocalDataStore(root: directory.path)
    let uri = large.rootURI.appending("exec", "n0", "0", "outputs.pb")
    do {
      _ = try await large.read(uri)
      Issue.record("a 2 TB object was read")
    } catch {
      #expect(error.code == .tooLarge)
      #expect(error.message.contains("2199023255552 bytes"), "\(error.message)")
      #expect(error.message.contains("at most 10485760 bytes"), "\(error.message)")
    }
  }

  @Test func theLimitIsExact() async throws {
    defer { directory.remove() }
    let uri = store.rootURI.appending("a", "outputs.pb")
    try Data(repeating: 7, count: 100).write(to: URL(fileURLWithPath: try path("a/outputs.pb")))
    #expect(try await store.read(uri).count == 100)
    try Data(repeating: 7, count: 101).write(to: URL(fileURLWithPath: try path("a/outputs.pb")))
    #expect(await code { () throws(DataError) in _ = try await store.read(uri) } == .tooLarge)
  }

  @Test func linksAreNeverFollowedAnywhereOnThePath() async throws {
    defer { directory.remove() }
    let secret = try path("vane.db")
    try Data("secret".utf8).write(to: URL(fileURLWithPath: secret))
    #expect(symlink(secret, try path("exec/n0/0/outputs.pb")) == 0)
    let fileLink = store.rootURI.appending("exec", "n0", "0", "outputs.pb")
    #expect(await code { () throws(DataError) in _ = try await store.read(fileLink) } == .unsafeFile)

    // A directory on the way replaced by a link to a directory outside the attempt.
    try Data("other".utf8).write(to: URL(fileURLWithPath: try path("other/n0/0/outputs.pb")))
    #expect(symlink(directory.path + "/other/n0", try path("exec/n1")) == 0)
    let throughLink = store.rootURI.appending("exec", "n1", "0", "outputs.pb")
    #expect(await code { () throws(DataError) in _ = try await store.read(throughLink) } == .unsafeFile)
    #expect(
      await code { () throws(DataError) in try await store.copy(from: fileLink, to: store.rootURI.appending("copy")) }
        != nil)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/copy"))
    let downloaded = directory.path + "/downloaded"
    #expect(await code { () throws(DataError) in try await store.download(fileLink, toFile: downloaded) } == .notFound)
    #expect(!FileManager.default.fileExists(atPath: downloaded))
  }

  @Test func aFIFOIsRefusedWithoutBlocking() async throws {
    defer { directory.remove() }
    #expect(mkfifo(try path("exec/n0/0/error.pb"), 0o644) == 0)
    let uri = store.rootURI.appending("exec", "n0", "0", "error.pb")
    #expect(await code { () throws(DataError) in _ = try await store.read(uri) } == .unsafeFile)
  }

  @Test func listingsSkipLinksAndLinkLoops() async throws {
    defer { directory.remove() }
    try Data("x".utf8).write(to: URL(fileURLWithPath: try path("exec/raw/a.txt")))
    #expect(symlink(".", try path("exec/raw/loop")) == 0)
    #expect(symlink("/etc", try path("exec/raw/etc")) == 0)
    let listed = try await store.list(prefix: store.rootURI.appending("exec", "raw"))
    #expect(listed.map(\.rawValue) == [store.rootURI.appending("exec", "raw", "a.txt").rawValue])
  }

  @Test func copiesStreamObjectsLargerThanTheReadLimit() async throws {
    defer { directory.remove() }
    let bytes = Data((0..<5000).map { UInt8($0 % 251) })
    try bytes.write(to: URL(fileURLWithPath: try path("raw/blob.bin")))
    let copy = store.rootURI.appending("raw2", "blob.bin")
    try await store.copy(from: store.rootURI.appending("raw", "blob.bin"), to: copy)
    #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path + "/raw2/blob.bin")) == bytes)
  }
}
