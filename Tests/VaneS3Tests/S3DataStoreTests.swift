import Foundation
import Testing
import VaneData
import VaneS3
import VaneTesting

/// The S3 store over real HTTP against moto (see `S3TestServer`).
@Suite struct S3DataStoreTests {
  @Test func writeReadExistsListDeleteRoundTrip() async throws {
    let (client, root) = try await S3TestServer.bucket()
    let store = S3DataStore(client: client)
    let a = root.appending("exec", "n0", "data", "inputs.pb")
    let b = root.appending("exec", "n0", "data", "0", "outputs.pb")
    try await store.write(Data("alpha".utf8), to: a)
    try await store.write(Data("beta".utf8), to: b)
    try await store.write(Data("unrelated".utf8), to: root.appending("exec2", "x"))
    #expect(try await store.read(a) == Data("alpha".utf8))
    #expect(try await store.exists(b))
    #expect(try await store.exists(root.appending("exec", "missing")) == false)
    #expect(try await store.list(prefix: root.appending("exec")) == [b, a].sorted())
    // `exec` must not match `exec2`.
    try await store.delete(root.appending("exec"))
    #expect(try await store.list(prefix: root.appending("exec")).isEmpty)
    #expect(try await store.list(prefix: root).count == 1)
  }

  @Test func readsOfWrittenObjectsComeFromMemory() async throws {
    let (client, root) = try await S3TestServer.bucket()
    let store = S3DataStore(client: client)
    let uri = root.appending("outputs.pb")
    try await store.write(Data("once".utf8), to: uri)
    _ = try await store.read(uri)
    _ = try await store.exists(uri)
    #expect(client.counter.snapshot["GetObject"] == nil)
    #expect(client.counter.snapshot["HeadObject"] == nil)
    // Another process (a second store) reads it from the bucket.
    let other = S3DataStore(client: try S3Client(settings: client.settings))
    #expect(try await other.read(uri) == Data("once".utf8))
    #expect(other.client.counter.snapshot["GetObject"] == 1)
  }

  @Test func stagedWritesAreVisibleAtOnceAndStoredByFlush() async throws {
    let (client, root) = try await S3TestServer.bucket()
    let store = S3DataStore(client: client)
    let uris = (0..<20).map { root.appending("staged", "\($0).pb") }
    for (index, uri) in uris.enumerated() { try await store.stage(Data("v\(index)".utf8), to: uri) }
    // The same key staged twice: the later bytes must land last.
    try await store.stage(Data("final".utf8), to: uris[0])
    #expect(try await store.read(uris[0]) == Data("final".utf8))
    try await store.flush()
    let reader = S3DataStore(client: try S3Client(settings: client.settings))
    #expect(try await reader.read(uris[0]) == Data("final".utf8))
    #expect(try await reader.read(uris[19]) == Data("v19".utf8))
    #expect(try await reader.list(prefix: root.appending("staged")).count == 20)
  }

  @Test func missingObjectsAndBucketsAreNotFound() async throws {
    let (client, root) = try await S3TestServer.bucket()
    let store = S3DataStore(client: client)
    await #expect(throws: DataError.self) { _ = try await store.read(root.appending("nope")) }
    do {
      _ = try await store.read(DataURI("s3://vane-no-such-bucket-\(UUID().uuidString.prefix(8).lowercased())/k"))
      Issue.record("reading from a missing bucket succeeded")
    } catch {
      #expect(error.code == .notFound)
      #expect(error.message.contains("does not exist"))
    }
  }

  /// What a task wrote is untrusted: an object over the limit is refused from its announced
  /// length, once (not retried), with the limit in the message; one at the limit is read.
  @Test func objectsOverTheReadLimitAreRefusedNotRetried() async throws {
    let (client, root) = try await S3TestServer.bucket()
    let writer = S3DataStore(client: client)
    let big = root.appending("n0", "data", "0", "outputs.pb")
    let fits = root.appending("n1", "data", "0", "outputs.pb")
    try await writer.write(Data(count: 4_097), to: big)
    try await writer.write(Data(count: 4_096), to: fits)
    let reader = S3DataStore(client: try S3Client(settings: client.settings), maxObjectBytes: 4_096)
    #expect(try await reader.read(fits).count == 4_096)
    do {
      _ = try await reader.read(big)
      Issue.record("an object over the limit was read")
    } catch {
      #expect(error.code == .tooLarge)
      #expect(error.message.contains("4097 bytes"), "\(error.message)")
      #expect(error.message.contains("4096"), "\(error.message)")
    }
    #expect(reader.client.counter.snapshot["GetObject"] == 2)
  }

  @Test func copiesObjectsAndPrefixes() async throws {
    let (client, root) = try await S3TestServer.bucket()
    let store = S3DataStore(client: client)
    try await store.write(Data("1".utf8), to: root.appending("old", "a", "inputs.pb"))
    try await store.write(Data("2".utf8), to: root.appending("old", "a", "0", "outputs.pb"))
    try await store.copy(from: root.appending("old", "a"), to: root.appending("new", "b"))
    let reader = S3DataStore(client: try S3Client(settings: client.settings))
    #expect(try await reader.read(root.appending("new", "b", "0", "outputs.pb")) == Data("2".utf8))
    try await store.copy(from: root.appending("old", "a", "inputs.pb"), to: root.appending("single.pb"))
    #expect(try await reader.read(root.appending("single.pb")) == Data("1".utf8))
  }

  @Test func largeFilesMoveInPartsBothWays() async throws {
    let (client, root) = try await S3TestServer.bucket()
    let store = S3DataStore(client: client)
    let temporary = try TemporaryDirectory("vane-s3")
    defer { temporary.remove() }
    let directory = temporary.url
    // 12 MiB + 3 bytes of varied bytes: three parts at the tests' 5 MiB part size.
    var bytes = Data(count: (12 << 20) + 3)
    bytes.withUnsafeMutableBytes { buffer in
      for index in 0..<buffer.count { buffer[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 13) }
    }
    let source = directory.appendingPathComponent("big.bin").path
    _ = FileManager.default.createFile(atPath: source, contents: bytes)
    let uri = root.appending("raw", "big.bin")
    try await store.upload(file: source, to: uri)
    #expect(client.counter.snapshot["UploadPart"] == 3)
    #expect(client.counter.snapshot["CompleteMultipartUpload"] == 1)
    let target = directory.appendingPathComponent("back.bin").path
    try await store.download(uri, toFile: target)
    #expect(FileManager.default.contents(atPath: target) == bytes)
    #expect(client.counter.snapshot["GetObject"] == 3)
  }

  @Test(arguments: ["s3://ab/k", "s3://Upper/k", "s3://bucket/a//b", "s3://bucket/a/../b", "file:///tmp/x"])
  func badURIsAreRefusedBeforeAnyRequest(_ text: String) async throws {
    let client = try S3Client(settings: try S3TestServer.settings())
    let store = S3DataStore(client: client)
    await #expect(throws: DataError.self) { _ = try await store.read(DataURI(text)) }
    #expect(client.counter.snapshot.isEmpty)
  }
}
