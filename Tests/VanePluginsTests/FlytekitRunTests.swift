import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneData
import VaneEngine
import VaneTesting

@testable import VanePlugins

/// Runs a real fast-registered flytekit task (`hello.wf.normalize` from
/// `Tests/Fixtures/packages/hello-fast.tgz`) with `/work/main/.venv` as its image.
@Suite struct FlytekitRunTests {
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: venv + "/bin/pyflyte-execute")))
  func runsAFastRegisteredTask() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let package = sandbox.directory.path + "/package"
    try FileManager.default.createDirectory(atPath: package, withIntermediateDirectories: true)
    let tar = Process()
    tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    tar.arguments = ["tar", "-xzf", repositoryRoot + "/Tests/Fixtures/packages/hello-fast.tgz", "-C", package]
    try tar.run()
    tar.waitUntilExit()
    #expect(tar.terminationStatus == 0)

    let files = try FileManager.default.contentsOfDirectory(atPath: package)
    let specFile = try #require(files.first { $0.hasSuffix("hello.wf.normalize_1.pb") })
    let archive = try #require(files.first { $0.hasPrefix("fast") && $0.hasSuffix(".tar.gz") })
    let spec = try Flyteidl_Admin_TaskSpec(
      serializedBytes: try Data(contentsOf: URL(fileURLWithPath: package + "/" + specFile)))
    #expect(spec.template.container.args.contains("/root"), "the fixture names a destination to avoid")

    let wake = WakeSignal()
    let context = sandbox.context(
      task: spec.template, wake: wake, codeArchive: DataURI(filePath: package + "/" + archive))
    var inputs = Flyteidl_Core_LiteralMap()
    var name = Flyteidl_Core_Literal()
    name.scalar.primitive.stringValue = "  ada lovelace "
    inputs.literals["name"] = name
    try await sandbox.store.writeMessage(inputs, to: context.paths.inputs)

    let plugin = sandbox.plugin()
    let (transition, _) = try await runToEnd(plugin, context, wake: wake, timeout: .seconds(60))
    let stderr =
      (try? String(contentsOfFile: plugin.workDirectory(forUniqueID: context.uniqueID) + "/stderr.log", encoding: .utf8))
      ?? ""
    #expect(transition.phase == .success, "stderr: \(stderr)")
    #expect(try await !sandbox.store.exists(context.paths.error))
    let outputs = try await sandbox.store.readMessage(Flyteidl_Core_LiteralMap.self, from: context.paths.outputs)
    #expect(outputs.literals["o0"]?.scalar.primitive.stringValue == "Ada Lovelace")
    // The code was unpacked in the attempt's work directory, never in /root.
    let workDirectory = plugin.workDirectory(forUniqueID: context.uniqueID)
    #expect(FileManager.default.fileExists(atPath: workDirectory + "/hello/wf.py"))
    #expect(transition.logs.map(\.name) == ["stdout", "stderr"])
  }
}
