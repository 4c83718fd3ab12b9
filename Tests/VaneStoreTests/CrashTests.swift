import Foundation
import Testing
import VaneStore

#if os(Linux)
import Glibc

/// A real `kill -9`: the test binary re-runs itself as a child that writes CAS updates in a
/// loop and prints an acknowledgement after each commit; the parent kills it at a random
/// moment and checks that every acknowledged commit is in the file. Linux only (the child is
/// started from `/proc/self/exe`); the crash-image test in `DurabilityTests` covers the rest.
@Suite struct CrashTests {
  static let childVariable = "VANE_STORE_CRASH_CHILD_DB"
  static let crashKey = ResourceKey(project: "crash", domain: "test", name: "loop")

  @Test func acknowledgedCommitsSurviveKillDashNine() async throws {
    try await withTemporaryDirectory { directory in
      let path = directory + "/crash.db"
      var lastAck: (round: Int, version: ResourceVersion)?
      for cycle in 0..<3 {
        let acks = try runChildAndKill(databasePath: path, acknowledgements: 100 + cycle * 150)
        let ack = try #require(acks.last, "the child acknowledged nothing in cycle \(cycle)")
        if let lastAck { #expect(ack.round > lastAck.round) }
        lastAck = ack

        let store = try SQLiteResourceStore(path: path)
        defer { store.close() }
        #expect(try store.database.integrityCheck() == "ok")
        let resource = try #require(try await store.get(Self.crashKey))
        let round = Self.round(of: resource.status)
        // Every acknowledged commit is there; at most one more commit ran before the kill.
        #expect(round >= ack.round && round <= ack.round + 1)
        #expect(resource.metadata.version >= ack.version)
        if round == ack.round { #expect(resource.metadata.version == ack.version) }
        #expect(resource.status.count == 2048)
        #expect(resource.spec == bytes("crash spec"))
      }
    }
  }

  /// The child side; runs only when the parent sets the variable.
  @Test(.enabled(if: ProcessInfo.processInfo.environment[CrashTests.childVariable] != nil))
  func crashChildWriter() async throws {
    let path = try #require(ProcessInfo.processInfo.environment[Self.childVariable])
    let store = try SQLiteResourceStore(path: path)
    var current = try await store.get(Self.crashKey)?.metadata.version
    var round = try await store.get(Self.crashKey).map { Self.round(of: $0.status) } ?? 0
    if current == nil {
      current = try await store.create(
        Self.crashKey, spec: bytes("crash spec"), status: Self.status(round: 0), labels: [:]
      ).metadata.version
    }
    var version = try #require(current)
    let deadline = ContinuousClock.now.advanced(by: .seconds(60))
    while ContinuousClock.now < deadline {
      round += 1
      version = try await store.update(
        Self.crashKey, expectedVersion: version, status: Self.status(round: round), terminal: false)
      FileHandle.standardOutput.write(Data("ACK \(round) \(version)\n".utf8))
    }
  }

  static func status(round: Int) -> Data {
    var text = Data("round \(round) ".utf8)
    text.append(Data(repeating: UInt8(ascii: "x"), count: 2048 - text.count))
    return text
  }

  static func round(of status: Data) -> Int {
    let words = String(decoding: status.prefix(32), as: UTF8.self).split(separator: " ")
    return words.count > 1 ? Int(words[1]) ?? -1 : -1
  }

  /// Starts the child, reads acknowledgements until `acknowledgements` arrived (or it ends),
  /// then kills it with SIGKILL and returns what it acknowledged.
  func runChildAndKill(databasePath: String, acknowledgements: Int) throws -> [(round: Int, version: ResourceVersion)] {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    child.arguments = ["--testing-library", "swift-testing", "--filter", "crashChildWriter"]
    child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: databasePath]) { $1 }
    let output = Pipe()
    child.standardOutput = output
    child.standardError = FileHandle.nullDevice
    try child.run()
    defer {
      if child.isRunning { kill(child.processIdentifier, SIGKILL) }
      child.waitUntilExit()
    }
    var acks: [(round: Int, version: ResourceVersion)] = []
    var pending = ""
    let deadline = Date().addingTimeInterval(60)
    while acks.count < acknowledgements, Date() < deadline {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      pending += String(decoding: chunk, as: UTF8.self)
      while let newline = pending.firstIndex(of: "\n") {
        let line = pending[..<newline]
        pending.removeSubrange(...newline)
        let words = line.split(separator: " ")
        if words.count == 3, words[0] == "ACK", let round = Int(words[1]), let version = Int64(words[2]) {
          acks.append((round, version))
        }
      }
    }
    #expect(child.isRunning, "the child stopped before it was killed")
    kill(child.processIdentifier, SIGKILL)
    child.waitUntilExit()
    #expect(child.terminationReason == .uncaughtSignal)
    // Acknowledgements the child wrote before dying are commits too.
    pending += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    for line in pending.split(separator: "\n") {
      let words = line.split(separator: " ")
      if words.count == 3, words[0] == "ACK", let round = Int(words[1]), let version = Int64(words[2]) {
        acks.append((round, version))
      }
    }
    return acks
  }
}
#endif
