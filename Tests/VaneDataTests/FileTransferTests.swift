import Foundation
import Testing
import VaneData
import VaneTesting

/// `upload(file:to:)` and `download(_:toFile:)` on the local store, and routing by scheme.
@Suite struct FileTransferTests {
  @Test func uploadAndDownloadCopyWholeFilesLargerThanOneChunk() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path + "/data")
    var bytes = Data(count: (3 << 20) + 17)
    bytes.withUnsafeMutableBytes { buffer in
      for index in 0..<buffer.count { buffer[index] = UInt8(truncatingIfNeeded: index &* 31 >> 3) }
    }
    let source = directory.path + "/source.bin"
    _ = FileManager.default.createFile(atPath: source, contents: bytes)
    let uri = store.rootURI.appending("raw", "ab", "file.bin")
    try await store.upload(file: source, to: uri)
    #expect(try await store.read(uri) == bytes)
    let target = directory.path + "/out/back.bin"
    try FileManager.default.createDirectory(atPath: directory.path + "/out", withIntermediateDirectories: true)
    try await store.download(uri, toFile: target)
    #expect(FileManager.default.contents(atPath: target) == bytes)
    // No temporary files are left beside the target.
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/out") == ["back.bin"])
  }

  @Test func downloadingNothingIsNotFoundAndLeavesNoFile() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    let error = await #expect(throws: DataError.self) {
      try await store.download(store.rootURI.appending("missing"), toFile: directory.path + "/x")
    }
    #expect(error?.code == .notFound)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/x"))
    await #expect(throws: DataError.self) {
      try await store.upload(file: directory.path + "/no-such-file", to: store.rootURI.appending("y"))
    }
  }

  @Test func routingSendsEachSchemeToItsStoreAndNamesUnservedOnes() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let first = LocalDataStore(root: directory.path + "/a")
    let store = RoutingDataStore(["file": first])
    let uri = first.rootURI.appending("k")
    try await store.write(Data("v".utf8), to: uri)
    #expect(try await first.read(uri) == Data("v".utf8))
    let error = await #expect(throws: DataError.self) { _ = try await store.read(DataURI("s3://bucket/k")) }
    #expect(error?.code == .unsupportedScheme)
    #expect(error?.message.contains("file://") == true)
  }
}
