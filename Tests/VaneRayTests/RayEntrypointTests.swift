import Foundation
import Testing
import VaneTesting

@testable import VaneRay

@Suite struct RayEntrypointTests {
  /// Runs `text` as Ray does (`/bin/sh -c`) with `environment`; returns stdout.
  func run(_ text: String, environment: [String: String] = ["PATH": "/usr/bin:/bin"]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", text]
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return String(decoding: data, as: UTF8.self)
  }

  @Test func valuesAndArgumentsReachTheCommandByteForByte() throws {
    let directory = try TemporaryDirectory("vane-ray-entry")
    defer { directory.remove() }
    let root = directory.path
    let tricky = #"it's "$HOME" `id` \n ${X} ; rm -rf / #"#
    let entrypoint = RayEntrypoint(
      workDirectory: root + "/a b'c",
      command: ["/bin/sh", "-c", #"printf '%s\n' "$TRICKY" "$1" "$(pwd)" "$TMPDIR" "$PATH""#, "sh", tricky],
      environment: ["TRICKY": tricky, "TMPDIR": root + "/a b'c/tmp", "EMPTY": ""], pathPrefix: "/venv/bin")
    let lines = try run(try entrypoint.shellText()).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == tricky)
    #expect(lines[1] == tricky)
    #expect(lines[2] == root + "/a b'c")
    #expect(lines[3] == root + "/a b'c/tmp")
    // The image's bin/ goes in front of the node's own PATH.
    #expect(lines[4] == "/venv/bin:/usr/bin:/bin")
    #expect(FileManager.default.fileExists(atPath: root + "/a b'c/tmp"))
  }

  @Test func theNodesEnvironmentStaysUnderTheTasks() throws {
    let directory = try TemporaryDirectory("vane-ray-entry")
    defer { directory.remove() }
    let root = directory.path
    let entrypoint = RayEntrypoint(
      workDirectory: root, command: ["/bin/sh", "-c", #"echo "$RAY_ADDRESS $FLYTE_X $PATH""#],
      environment: ["FLYTE_X": "1", "PATH": "/task/bin"], pathPrefix: nil)
    let output = try run(try entrypoint.shellText(), environment: ["RAY_ADDRESS": "127.0.0.2:6379", "PATH": "/bin"])
    #expect(output == "127.0.0.2:6379 1 /task/bin\n")
  }

  @Test func aNulByteIsRefusedNotTruncated() {
    let entrypoint = RayEntrypoint(workDirectory: "/w", command: ["x"], environment: ["A": "a\0b"], pathPrefix: nil)
    #expect(throws: RayPluginError.self) { try entrypoint.shellText() }
  }

  @Test func directoryNamesCannotEscapeTheirRoot() {
    #expect(RayEntrypoint.directoryName(for: "e1-n0-0") == "e1-n0-0")
    #expect(RayEntrypoint.directoryName(for: "../../etc") == ".._.._etc")
    #expect(RayEntrypoint.directoryName(for: "..") == "_..")
    #expect(RayEntrypoint.directoryName(for: "") == "_")
  }
}
