import FlyteIDL
import Foundation
import Testing
import VaneData
import VaneTesting

@Suite struct LocalDataStoreTests {
  @Test func writeThenReadRoundTrips() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    let uri = store.rootURI.appending("exec", "n0", "data", "inputs.pb")
    try await store.write(Data("hello".utf8), to: uri)
    #expect(try await store.read(uri) == Data("hello".utf8))
    #expect(try await store.exists(uri))
    try await store.write(Data("again".utf8), to: uri)
    #expect(try await store.read(uri) == Data("again".utf8))
  }

  @Test func messagesRoundTripDeterministically() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    var map = Flyteidl_Core_LiteralMap()
    for name in ["b", "a", "c"] {
      map.literals[name] = try LiteralParser().parse("7", as: .init(simple: .integer), input: name)
    }
    let uri = store.rootURI.appending("outputs.pb")
    try await store.writeMessage(map, to: uri)
    let read = try await store.readMessage(Flyteidl_Core_LiteralMap.self, from: uri)
    #expect(read == map)
    #expect(try await store.read(uri) == (try map.deterministicBinary()))
  }

  @Test func corruptMessageIsReported() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    let uri = store.rootURI.appending("outputs.pb")
    try await store.write(Data([0xFF, 0xFF, 0xFF]), to: uri)
    let error = await #expect(throws: DataError.self) {
      try await store.readMessage(Flyteidl_Core_LiteralMap.self, from: uri)
    }
    #expect(error?.code == .corrupt)
    #expect(error?.message.contains("flyteidl.core.LiteralMap") == true)
  }

  @Test func missingObjectIsNotFound() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    let uri = store.rootURI.appending("nope.pb")
    let error = await #expect(throws: DataError.self) { try await store.read(uri) }
    #expect(error?.code == .notFound)
    #expect(error?.uri == uri)
    #expect(try await store.exists(uri) == false)
  }

  @Test func listDeleteAndCopy() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    let base = store.rootURI.appending("exec")
    for name in ["n1/data/inputs.pb", "n0/data/0/outputs.pb", "n0/data/inputs.pb"] {
      try await store.write(Data(name.utf8), to: base.appending(name))
    }
    let listed = try await store.list(prefix: base)
    #expect(
      listed.map { String($0.rawValue.dropFirst(base.rawValue.count)) }
        == ["/n0/data/0/outputs.pb", "/n0/data/inputs.pb", "/n1/data/inputs.pb"])
    #expect(try await store.list(prefix: base.appending("missing")).isEmpty)

    try await store.copy(from: base.appending("n0"), to: store.rootURI.appending("copy"))
    #expect(
      try await store.read(store.rootURI.appending("copy/data/0/outputs.pb")) == Data("n0/data/0/outputs.pb".utf8))
    try await store.copy(from: base.appending("n1/data/inputs.pb"), to: store.rootURI.appending("one.pb"))
    #expect(try await store.read(store.rootURI.appending("one.pb")) == Data("n1/data/inputs.pb".utf8))

    try await store.delete(base.appending("n0"))
    #expect(try await store.list(prefix: base).count == 1)
    try await store.delete(base.appending("n0"))  // deleting nothing is fine
  }

  @Test func temporaryFilesAreNeverVisibleAsTheTarget() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    let uri = store.rootURI.appending("data", "outputs.pb")
    let old = Data(repeating: 1, count: 1 << 20)
    let new = Data(repeating: 2, count: 1 << 20)
    try await store.write(old, to: uri)
    let seen = try await withThrowingTaskGroup(of: [Data].self) { group in
      group.addTask {
        for index in 0..<20 { try await store.write(index.isMultiple(of: 2) ? new : old, to: uri) }
        return []
      }
      group.addTask {
        var reads: [Data] = []
        for _ in 0..<200 { reads.append(try await store.read(uri)) }
        return reads
      }
      var all: [Data] = []
      for try await reads in group { all += reads }
      return all
    }
    #expect(seen.count == 200)
    #expect(seen.allSatisfy { $0 == old || $0 == new })
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/data")
    #expect(names == ["outputs.pb"])
    #expect(try await store.list(prefix: store.rootURI) == [uri])
  }

  @Test func listingSkipsLeftoverTemporaryFiles() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.file("d/.vane-tmp-1234", "partial")
    try directory.file("d/real.pb", "ok")
    let store = LocalDataStore(root: directory.path)
    #expect(try await store.list(prefix: store.rootURI) == [store.rootURI.appending("d/real.pb")])
  }

  @Test(arguments: [
    ("s3://bucket/key", DataError.Code.unsupportedScheme),
    ("/no/scheme", .unsupportedScheme),
    ("file://host/path", .invalidURI),
    ("file:///etc/passwd", .outsideRoot),
    ("ROOT/../escape", .invalidURI),
    ("ROOT-sibling/file", .outsideRoot),
    ("ROOT/a/./b", .invalidURI),
    ("ROOT/a/..", .invalidURI),
  ])
  func urisOutsideTheRootAreRejected(text: String, code: DataError.Code) async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    let uri = DataURI(text.replacingOccurrences(of: "ROOT", with: store.rootURI.rawValue))
    let error = await #expect(throws: DataError.self) { try await store.write(Data("x".utf8), to: uri) }
    #expect(error?.code == code)
    #expect(error?.uri == uri)
    #expect(error?.description.contains(uri.rawValue) == true)
    await #expect(throws: DataError.self) { try await store.read(uri) }
    let staged = await #expect(throws: DataError.self) { try await store.stage(Data("x".utf8), to: uri) }
    #expect(staged?.code == code)
  }

  @Test func stagedWritesReadBackAndFlushLeavesNoTemporaryFiles() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    let first = store.rootURI.appending("exec", "n0", "data", "inputs.pb")
    let second = store.rootURI.appending("exec", "n0", "data", "0", "outputs.pb")
    try await store.stage(Data("in".utf8), to: first)
    try await store.stage(Data("out".utf8), to: second)
    try await store.stage(Data("in again".utf8), to: first)
    #expect(try await store.read(first) == Data("in again".utf8))
    #expect(try await store.read(second) == Data("out".utf8))
    try await store.flush()
    try await store.flush()  // nothing new staged: returns at once
    #expect(try await store.list(prefix: store.rootURI) == [second, first].sorted())
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/exec/n0/data")
    #expect(names.sorted() == ["0", "inputs.pb"])
  }

  @Test func oddButPlainPathsStillResolve() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    let dotted = store.rootURI.appending("a", "...", ".hidden", "x.pb")
    try await store.stage(Data("1".utf8), to: dotted)
    #expect(try store.localPath(of: dotted) == directory.path + "/a/.../.hidden/x.pb")
    let doubled = DataURI(store.rootURI.rawValue + "//a//b.pb")
    #expect(try store.localPath(of: doubled) == directory.path + "/a/b.pb")
  }

  /// The failure is reported once, to the flush of whoever staged it (here: no owner), and the
  /// write is then forgotten — its owner's round failed and stages its files again — so it can
  /// never fail every later flush (issue #9, repro 1; `StagedWriteOwnerTests`).
  @Test func aStagedWriteThatCannotLandFailsTheFlushOnce() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.file("blocker", "x")
    let store = LocalDataStore(root: directory.path)
    let uri = store.rootURI.appending("blocker", "inside", "f.pb")
    // The file reaches the disk in the background: the failure shows at the flush.
    try await store.stage(Data("kept".utf8), to: uri)
    let error = await #expect(throws: DataError.self) { try await store.flush() }
    #expect(error?.uri == uri)
    try await store.flush()  // told once: the next flush is not held up by it
    #expect(try await !store.exists(uri))
    try FileManager.default.removeItem(atPath: directory.path + "/blocker")
    try await store.stage(Data("kept".utf8), to: uri)  // the owner's next round stages it again
    try await store.flush()
    #expect(FileManager.default.contents(atPath: directory.path + "/blocker/inside/f.pb") == Data("kept".utf8))
  }

  @Test func concurrentStagersAllLandWithTheirLastBytes() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for writer in 0..<8 {
        group.addTask {
          for file in 0..<300 {
            let uri = store.rootURI.appending("w\(writer)", "\(file % 50)", "f.pb")
            try await store.stage(Data("\(writer)-\(file)".utf8), to: uri)
            #expect(try await store.read(uri) == Data("\(writer)-\(file)".utf8))
          }
          try await store.flush()
        }
      }
      try await group.waitForAll()
    }
    for writer in 0..<8 {
      for slot in 0..<50 {
        let path = directory.path + "/w\(writer)/\(slot)/f.pb"
        #expect(FileManager.default.contents(atPath: path) == Data("\(writer)-\(250 + slot)".utf8))
      }
    }
  }

  @Test func aDurableWriteIsNotOvertakenByOlderStagedBytes() async throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = LocalDataStore(root: directory.path)
    let uri = store.rootURI.appending("a", "f.pb")
    for round in 0..<200 {
      try await store.stage(Data("staged \(round)".utf8), to: uri)
      try await store.write(Data("written \(round)".utf8), to: uri)
    }
    try await store.flush()
    #expect(FileManager.default.contents(atPath: directory.path + "/a/f.pb") == Data("written 199".utf8))
  }
}

extension Flyteidl_Core_LiteralType {
  init(simple: Flyteidl_Core_SimpleType) {
    self.init()
    self.type = .simple(simple)
  }
}
