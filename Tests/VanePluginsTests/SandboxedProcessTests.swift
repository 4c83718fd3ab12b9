import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneData
import VaneEngine
import VaneModel
import VaneTesting

@testable import VanePlugins

/// Tasks under real bubblewrap (scripts/sandbox/install.sh installs it): each boundary is
/// checked from what the task itself could or could not do, written to its work directory.
@Suite(.serialized) struct SandboxedProcessTests {
  /// The test's data directory hidden, its execution folder and raw folder allowed, as
  /// `vane run --sandbox` sets them up for a real data directory.
  func sandboxed(_ sandbox: Sandbox, network: Bool = true) throws -> LocalProcessPlugin {
    var configuration = sandbox.configuration()
    configuration.sandbox = try SandboxProbe.checked(
      SandboxConfiguration(
        network: network, hiddenPaths: [sandbox.directory.path],
        metadataRoot: sandbox.directory.path + "/data/metadata",
        inputRoots: [sandbox.directory.path + "/data/raw"]))
    return sandbox.plugin(configuration)
  }

  /// The lines the task wrote to `report` in its work directory.
  func report(_ plugin: LocalProcessPlugin, _ context: TaskExecutionContext) throws -> [String] {
    let text = try String(
      contentsOfFile: plugin.workDirectory(forUniqueID: context.uniqueID) + "/report", encoding: .utf8)
    return text.split(separator: "\n").map(String.init)
  }

  func write(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  @Test func seesOnlyItsOwnExecutionAndWorkDirectory() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let data = sandbox.directory.path + "/data"
    let wake = WakeSignal()
    let context = sandbox.context(task: shellTask("", name: "t.probe"), wake: wake)
    let own = try #require(LocalProcessPlugin.localPath(sandbox.layout.executionDirectory(context.execution.id)))
    let other = data + "/metadata/p-d-other"
    try write("secret", to: data + "/vane.db")
    try write("theirs", to: other + "/n0/data/inputs.pb")
    try write("mine", to: own + "/n0/data/inputs.pb")
    try write("upstream", to: data + "/raw/ab/upstream/file.txt")
    try write("not an input", to: data + "/raw/cd/unrelated/file.txt")
    var input = Flyteidl_Core_Literal()
    input.scalar.blob.uri = "file://" + data + "/raw/ab/upstream/file.txt"
    var inputs = Flyteidl_Core_LiteralMap()
    inputs.literals = ["f": input]
    try await sandbox.store.write(try inputs.serializedData(), to: context.paths.inputs)
    let privateFile = "/tmp/vane-sandbox-private-\(UUID().uuidString)"
    let script = """
      r=$PWD/report
      cat \(data)/vane.db >/dev/null 2>&1 && echo db=read >> $r || echo db=denied >> $r
      ls \(other) >/dev/null 2>&1 && echo other=read >> $r || echo other=denied >> $r
      cat \(data)/raw/cd/unrelated/file.txt >/dev/null 2>&1 && echo unrelated=read >> $r || echo unrelated=denied >> $r
      echo input=$(cat \(data)/raw/ab/upstream/file.txt) >> $r
      echo x > \(own)/n0/data/0-written && echo own=written >> $r || echo own=denied >> $r
      echo x > \(LocalProcessPlugin.localPath(context.rawOutputPrefix)!)/out && echo raw=written >> $r || echo raw=denied >> $r
      echo x > /usr/vane-sandbox-test 2>/dev/null && echo system=written >> $r || echo system=denied >> $r
      echo x > \(privateFile) && echo tmp=written >> $r
      """
    var task = context.task
    task.container.args = ["sh", "-c", script]
    var probe = context
    probe.task = task
    let plugin = try sandboxed(sandbox)
    let (transition, _) = try await runToEnd(plugin, probe, wake: wake)
    #expect(transition.phase == .success)
    #expect(
      try report(plugin, probe) == [
        "db=denied", "other=denied", "unrelated=denied", "input=upstream", "own=written", "raw=written",
        "system=denied", "tmp=written",
      ])
    #expect(FileManager.default.fileExists(atPath: own + "/n0/data/0-written"))
    #expect(!FileManager.default.fileExists(atPath: privateFile), "the task's /tmp is its own")
  }

  @Test func noNetworkLeavesOnlyLoopback() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let script = "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' > $PWD/report"
    let (closedWake, openWake) = (WakeSignal(), WakeSignal())
    let closed = sandbox.context(task: shellTask(script), node: "closed", wake: closedWake)
    let plugin = try sandboxed(sandbox, network: false)
    #expect(try await runToEnd(plugin, closed, wake: closedWake).0.phase == .success)
    #expect(try report(plugin, closed) == ["lo"])
    let open = sandbox.context(task: shellTask(script), node: "open", wake: openWake)
    let shared = try sandboxed(sandbox, network: true)
    #expect(try await runToEnd(shared, open, wake: openWake).0.phase == .success)
    #expect(try report(shared, open).sorted() == (try Self.hostInterfaces()))
  }

  static func hostInterfaces() throws -> [String] {
    try String(contentsOfFile: "/proc/net/dev", encoding: .utf8).split(separator: "\n").dropFirst(2)
      .map { String($0.split(separator: ":")[0]).trimmingCharacters(in: .whitespaces) }.sorted()
  }

  /// A task over its memory limit fails as `OOMKilled`; the same task within it succeeds.
  @Test func overTheMemoryLimitIsOOMKilled() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    func task(allocating bytes: Int, node: String, wake: WakeSignal) -> TaskExecutionContext {
      var template = shellTask("exec python3 -c 'x = bytearray(\(bytes)); print(len(x))'", memory: "300Mi")
      var limit = Flyteidl_Core_Resources.ResourceEntry()
      limit.name = .memory
      limit.value = "300Mi"
      template.container.resources.limits = [limit]
      return sandbox.context(task: template, node: node, wake: wake)
    }
    let plugin = try sandboxed(sandbox)
    let overWake = WakeSignal()
    let over = task(allocating: 2 << 30, node: "over", wake: overWake)
    let (failed, _) = try await runToEnd(plugin, over, wake: overWake)
    #expect(failed.phase.isRetryableFailure)
    #expect(failed.phase.error?.code == "OOMKilled")
    #expect(failed.phase.error?.kind == .user)
    let withinWake = WakeSignal()
    let within = task(allocating: 50 << 20, node: "within", wake: withinWake)
    #expect(try await runToEnd(plugin, within, wake: withinWake).0.phase == .success)
  }

  @Test(.timeLimit(.minutes(1))) func abortStopsTheSandboxedTask() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let wake = WakeSignal()
    let marker = "vane-sandbox-abort-\(UUID().uuidString)"
    let context = sandbox.context(task: shellTask("touch $PWD/running; sleep 30 # \(marker)"), wake: wake)
    var configuration = try sandboxed(sandbox).configuration
    configuration.abortGracePeriod = .seconds(1)
    let plugin = sandbox.plugin(configuration, clock: ManualClock())
    var next = context
    next.pluginState = try #require(await plugin.handle(context).state)
    let running = plugin.workDirectory(forUniqueID: context.uniqueID) + "/running"
    try await eventually("the command to run") { FileManager.default.fileExists(atPath: running) }
    // A new plugin (a restarted engine) re-attaches to the sandboxed task by its wrapper's pid.
    let restarted = sandbox.plugin(configuration, clock: ManualClock())
    #expect(await restarted.handle(next).phase == .running)
    await restarted.abort(next, reason: "test")
    let (transition, _) = try await runToEnd(restarted, next, wake: wake, timeout: .seconds(30))
    #expect(transition.phase.error?.message.contains("killed by SIGTERM") == true)
    // The wrapper reports bwrap's end; the kernel then kills what is left in the sandbox's pid
    // namespace, which on a loaded machine can take a moment after that.
    try await waitUntil("the sandboxed command is gone", timeout: .seconds(20)) { !processAlive(matching: marker) }
  }

  @Test func aMissingBubblewrapIsReportedAtStart() {
    #expect(throws: SandboxError.self) {
      try SandboxProbe.checked(SandboxConfiguration(executable: "/nonexistent/bwrap"))
    }
    do {
      _ = try SandboxProbe.checked(SandboxConfiguration(executable: "no-such-bwrap"), path: "/usr/bin")
    } catch {
      #expect(error.code == .executableNotFound)
      #expect(error.message.contains("bubblewrap"))
    }
  }
}
