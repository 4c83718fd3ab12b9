import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneEngine
import VaneModel
import VaneTesting

@testable import VanePlugins

/// Fork servers that never become usable: the attempt starts cold. A fake Python environment
/// plays both parts: its `pyflyte-execute` console script names a fake interpreter, which as a
/// fork server crashes or hangs (by `mode`) and as the task writes `ran` and exits 0.
@Suite struct WarmStartFallbackTests {
  struct FakeEnvironment {
    let sandbox: Sandbox
    let bin: String

    init(mode: String) throws {
      sandbox = try Sandbox()
      bin = sandbox.directory.path + "/venv/bin"
      try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
      try write(
        "#!/bin/sh\ncase \"$1\" in\n*vane_forkserver_*) \(mode) ;;\n*) echo cold > ran; exit 0 ;;\nesac\n",
        to: bin + "/python-fake")
      try write(
        "#!\(bin)/python-fake\nimport sys\nfrom flytekit.bin.entrypoint import execute_task_cmd\n",
        to: bin + "/pyflyte-execute")
    }

    private func write(_ text: String, to path: String) throws {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    func plugin(clock: ManualClock, startWait: Duration = .seconds(60)) -> LocalProcessPlugin {
      var configuration = sandbox.configuration()
      configuration.images = ["*": sandbox.directory.path + "/venv"]
      configuration.warmStarts.startTimeout = .seconds(30)
      configuration.warmStarts.startWait = startWait
      return LocalProcessPlugin(configuration: configuration, dataStore: sandbox.store, clock: clock)
    }

    func context(_ wake: WakeSignal, node: String = "n0") -> TaskExecutionContext {
      var task = shellTask("unused")
      task.type = "python-task"
      task.container.args = ["pyflyte-execute", "--inputs", "in.pb", "--resolver", "m.R", "--", "task-module", "m"]
      return sandbox.context(task: task, node: node, wake: wake)
    }
  }

  @Test func aServerThatCrashesAtStartLeavesTheAttemptToAColdStart() async throws {
    let environment = try FakeEnvironment(mode: "exit 3")
    defer { environment.sandbox.directory.remove() }
    let clock = ManualClock()
    // The crash wakes the waiting attempt; the 1 s check-again is only the safety net.
    let plugin = environment.plugin(clock: clock, startWait: .seconds(1))
    let wake = WakeSignal()
    let context = environment.context(wake)

    let (transition, _) = try await runToEnd(plugin, context, wake: wake)
    #expect(transition.phase == .success)
    let directory = plugin.workDirectory(forUniqueID: context.uniqueID)
    #expect(try String(contentsOfFile: directory + "/ran", encoding: .utf8) == "cold\n")
    #expect(AttemptDirectory(path: directory).startedHow == "cold")
    let servers = try FileManager.default.contentsOfDirectory(atPath: environment.sandbox.directory.path + "/warm")
    #expect(servers.filter { !$0.hasSuffix(".py") }.count == 1, "one server was tried: \(servers)")
    // Its spec now waits before another server is tried: the next attempt starts cold at once.
    let next = environment.context(wake, node: "n1")
    let first = await plugin.handle(next)
    #expect(first.reason.hasPrefix("started as pid"), "\(first.reason)")
  }

  @Test func aServerThatHangsAtStartIsKilledAndTheAttemptStartsCold() async throws {
    let sleep = "sleep 600.\(Int.random(in: 1000...9999))"
    let environment = try FakeEnvironment(mode: "exec \(sleep)")
    defer { environment.sandbox.directory.remove() }
    let clock = ManualClock()
    let plugin = environment.plugin(clock: clock)
    let wake = WakeSignal()
    let context = environment.context(wake)

    let seen = wake.value
    let waiting = await plugin.handle(context)
    #expect(waiting.phase == .waitingForResources && waiting.reason == "waiting for a warm Python environment")
    #expect(waiting.wakeUpAfter == .seconds(60), "woken when the server is ready or failed")
    try await clock.waitForSleepers(1)
    clock.advance(by: .seconds(29))
    #expect(wake.value == seen)
    clock.advance(by: .seconds(1))
    #expect(await wake.wait(after: seen), "the start timeout wakes the waiting attempt")
    let (transition, _) = try await runToEnd(plugin, context, wake: wake)
    #expect(transition.phase == .success)
    let directory = plugin.workDirectory(forUniqueID: context.uniqueID)
    #expect(try String(contentsOfFile: directory + "/ran", encoding: .utf8) == "cold\n")
    try await waitUntil("the hung server is killed") { !processAlive(matching: sleep) }
  }
}

extension WarmStartFallbackTests {
  @Test func anAttemptWaitsForAStartingServerOnlySoLong() async throws {
    let environment = try FakeEnvironment(mode: "exec sleep 600.\(Int.random(in: 1000...9999))")
    defer { environment.sandbox.directory.remove() }
    let clock = ManualClock()
    let plugin = environment.plugin(clock: clock, startWait: .seconds(10))
    defer { plugin.stopWarmStarts() }
    let wake = WakeSignal()
    let first = environment.context(wake)
    #expect(await plugin.handle(first).wakeUpAfter == .seconds(10))
    clock.advance(by: .seconds(4))
    #expect(await plugin.handle(first).wakeUpAfter == .seconds(6))
    clock.advance(by: .seconds(6))
    let (transition, _) = try await runToEnd(plugin, first, wake: wake)
    #expect(transition.phase == .success)
    let directory = plugin.workDirectory(forUniqueID: first.uniqueID)
    #expect(AttemptDirectory(path: directory).startedHow == "cold")
  }

  @Test func aTaskWithATimeoutWaitsForAStartingServerAQuarterOfIt() async throws {
    let environment = try FakeEnvironment(mode: "exec sleep 600.\(Int.random(in: 1000...9999))")
    defer { environment.sandbox.directory.remove() }
    let clock = ManualClock()
    let plugin = environment.plugin(clock: clock)
    defer { plugin.stopWarmStarts() }
    let wake = WakeSignal()
    _ = await plugin.handle(environment.context(wake))
    var timed = environment.context(wake, node: "n1")
    timed.task.metadata.timeout.seconds = 2
    let waiting = await plugin.handle(timed)
    #expect(waiting.phase == .waitingForResources && waiting.wakeUpAfter == .milliseconds(500))
    clock.advance(by: .milliseconds(500))
    let (transition, _) = try await runToEnd(plugin, timed, wake: wake)
    #expect(transition.phase == .success)
    #expect(AttemptDirectory(path: plugin.workDirectory(forUniqueID: timed.uniqueID)).startedHow == "cold")
  }

  @Test func theStartWaitOfATimedTaskIsAQuarterOfItsTimeoutAtMost() {
    let configuration = LocalProcessPlugin.WarmStartConfiguration(startWait: .seconds(10))
    #expect(configuration.startWait(timeout: nil) == .seconds(10))
    #expect(configuration.startWait(timeout: .zero) == .seconds(10))
    #expect(configuration.startWait(timeout: .seconds(2)) == .milliseconds(500))
    #expect(configuration.startWait(timeout: .seconds(3600)) == .seconds(10))
  }

}

extension WarmStartFallbackTests {
  /// A flytekit that imports but lacks the per-process state a forked task is given afresh (its
  /// temporary directories, the connector's event loop): its server does not start, and the
  /// environment's attempts start cold from then on instead of sharing that state.
  @Test func aFlytekitWithoutWhatAForkedTaskResetsStartsCold() async throws {
    let environment = try FakeEnvironment(mode: "PYTHONPATH=\"$FAKE_FLYTEKIT\" exec python3 \"$@\"")
    defer { environment.sandbox.directory.remove() }
    let fake = environment.sandbox.directory.path + "/fake-flytekit"
    for (file, text) in [
      "flytekit/__init__.py": "__version__ = \"0.0.fake\"\n",
      "flytekit/bin/__init__.py": "",
      "flytekit/bin/entrypoint.py": "def execute_task_cmd():\n    pass\n",
    ] {
      let path = fake + "/" + file
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
    let clock = ManualClock()
    var configuration = environment.plugin(clock: clock).configuration
    configuration.platformEnvironment["FAKE_FLYTEKIT"] = fake
    let plugin = LocalProcessPlugin(configuration: configuration, dataStore: environment.sandbox.store, clock: clock)
    defer { plugin.stopWarmStarts() }
    let wake = WakeSignal()
    let context = environment.context(wake)

    let (transition, _) = try await runToEnd(plugin, context, wake: wake)
    #expect(transition.phase == .success)
    let directory = plugin.workDirectory(forUniqueID: context.uniqueID)
    #expect(AttemptDirectory(path: directory).startedHow == "cold")
    let next = environment.context(wake, node: "n1")
    let nextDirectory = AttemptDirectory(path: plugin.workDirectory(forUniqueID: next.uniqueID))
    guard
      case .warm(let start) = plugin.attemptStart(try await plugin.plan(next, in: nextDirectory), next, nextDirectory)
    else {
      Issue.record("a flytekit task command must qualify for a warm start")
      return
    }
    let reason = try #require(plugin.runtime.warm.coldReason(start.server))
    #expect(reason.contains("flytekit 0.0.fake lacks"), "\(reason)")
    #expect(reason.contains("flytekit.extend.backend.base_connector.local_connector_loop"), "\(reason)")
  }
}
