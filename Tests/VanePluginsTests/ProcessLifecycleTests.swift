import FlyteIDL
import Foundation
import Testing
import VaneEngine
import VaneTesting

@testable import VanePlugins

@Suite struct ProcessLifecycleTests {
  @Test func nonZeroExitIsARetryableUserError() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let wake = WakeSignal()
    let context = sandbox.context(task: shellTask("echo oops >&2; exit 3"), wake: wake)
    let plugin = sandbox.plugin()
    let (transition, _) = try await runToEnd(plugin, context, wake: wake)
    let error = try #require(transition.phase.error)
    #expect(transition.phase.isRetryableFailure)
    #expect(error.kind == .user)
    #expect(error.code == "LocalNonZeroExit")
    #expect(error.message.contains("code 3"))
    let stderr = try #require(transition.logs.first { $0.name == "stderr" })
    #expect(try String(contentsOf: URL(string: stderr.uri)!, encoding: .utf8) == "oops\n")
  }

  @Test func commandNotFoundIsPermanent() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let wake = WakeSignal()
    var task = shellTask("")
    task.container.args = ["no-such-command-vane"]
    let (transition, _) = try await runToEnd(sandbox.plugin(), sandbox.context(task: task, wake: wake), wake: wake)
    guard case .permanentFailure(let error) = transition.phase else {
      Issue.record("expected a permanent failure, got \(transition.phase)")
      return
    }
    #expect(error.code == "LocalCommandNotFound")
  }

  @Test func killedBySignalIsARetryableSystemError() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let wake = WakeSignal()
    // The command kills itself: the wrapper shell records 128+9.
    let context = sandbox.context(task: shellTask("kill -9 $$"), wake: wake)
    let (transition, _) = try await runToEnd(sandbox.plugin(), context, wake: wake)
    let error = try #require(transition.phase.error)
    #expect(transition.phase.isRetryableFailure)
    #expect(error.kind == .system)
    #expect(error.message.contains("killed by SIGKILL"))
  }

  @Test func killingTheWholeGroupIsReportedByTheWaiter() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let wake = WakeSignal()
    let context = sandbox.context(task: shellTask("sleep 30"), wake: wake)
    let plugin = sandbox.plugin()
    let started = await plugin.handle(context)
    #expect(started.phase == .running)
    let state = try #require(started.state)
    let record = try #require(ProcessRecord(state))
    // The wrapper leads its own session and process group (so terminal signals and an engine
    // killed with kill -9 leave it alone); kill all of the group, wrapper included.
    #expect(getsid(record.pid) == record.pid)
    #expect(getpgid(record.pid) == record.pid)
    #expect(kill(-record.pid, SIGKILL) == 0)
    var next = context
    next.pluginState = record.pluginState
    let (transition, _) = try await runToEnd(plugin, next, wake: wake)
    #expect(transition.phase.error?.message.contains("killed by SIGKILL") == true)
    #expect(transition.phase.error?.kind == .system)
  }

  @Test func startingIsIdempotent() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let wake = WakeSignal()
    let counter = sandbox.directory.path + "/starts"
    let go = sandbox.directory.path + "/go"
    let context = sandbox.context(
      task: shellTask(#"echo started >> "$COUNTER"; \#(Self.waitFor("$GO"))"#, env: ["COUNTER": counter, "GO": go]),
      wake: wake)
    let plugin = sandbox.plugin()
    async let first = plugin.handle(context)
    async let second = plugin.handle(context)
    let results = await [first, second]
    #expect(results.allSatisfy { $0.phase == .running })
    // A third round with no state (a lost status write) finds the same process.
    let third = await plugin.handle(context)
    #expect(third.phase == .running, "never a second start")
    try sandbox.directory.file("go")
    let (transition, _) = try await runToEnd(plugin, context, wake: wake)
    #expect(transition.phase == .success)
    // Even a brand-new plugin with no state does not start it again.
    #expect(await sandbox.plugin().handle(context).phase == .success)
    #expect(try String(contentsOfFile: counter, encoding: .utf8) == "started\n")
  }

  @Test func aFreshPluginReattachesToARunningProcess() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let wake = WakeSignal()
    let go = sandbox.directory.path + "/go"
    let context = sandbox.context(task: shellTask(Self.waitFor(go)), wake: wake)
    let first = await sandbox.plugin().handle(context)
    let state = try #require(first.state)

    // A new engine: a new plugin instance, the state from the store.
    let restarted = sandbox.plugin()
    var resumed = context
    resumed.pluginState = state
    let check = await restarted.handle(resumed)
    #expect(check.phase == .running, "found, not restarted: it waits for the test's go")
    #expect(check.wakeUpAfter == .seconds(1), "not its child: it must ask to be checked again")
    try sandbox.directory.file("go")
    let (transition, _) = try await runToEnd(restarted, resumed, wake: wake)
    #expect(transition.phase == .success)
  }

  @Test func reattachesFromTheWrapperPidWhenTheStartWasNeverRecorded() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let wake = WakeSignal()
    let go = sandbox.directory.path + "/go"
    let context = sandbox.context(task: shellTask(Self.waitFor(go)), wake: wake)
    let plugin = sandbox.plugin()
    #expect(await plugin.handle(context).phase == .running)
    // Simulate an engine that died right after spawning: no process file, no stored state.
    let directory = AttemptDirectory(path: plugin.workDirectory(forUniqueID: context.uniqueID))
    try await eventually("the wrapper to record its pid") { directory.shellPID() != nil }
    try FileManager.default.removeItem(atPath: directory.path + "/process")
    let restarted = sandbox.plugin()
    let check = await restarted.handle(context)
    #expect(check.phase == .running)
    #expect(check.state != nil, "the adopted wrapper is recorded")
    try sandbox.directory.file("go")
    let (transition, _) = try await runToEnd(restarted, context, wake: wake)
    #expect(transition.phase == .success)
  }

  @Test func aLaunchWithoutProcessOrExitHasVanished() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let context = sandbox.context(task: shellTask("true"), wake: WakeSignal())
    let plugin = sandbox.plugin()
    let directory = AttemptDirectory(path: plugin.workDirectory(forUniqueID: context.uniqueID))
    try directory.create()
    #expect(try directory.claimLaunch())
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: directory.launchMarker)
    let transition = await plugin.handle(context)
    #expect(transition.phase.isRetryableFailure)
    #expect(transition.phase.error?.kind == .system)
    #expect(transition.phase.error?.message.contains("process vanished") == true)
    // A dead pid recorded in the state is no better.
    var stale = context
    stale.pluginState = ProcessRecord(pid: 999_999, startTime: 1, workDirectory: directory.path).pluginState
    #expect(await plugin.handle(stale).phase.error?.code == "LocalProcessVanished")
  }

  /// The plugin's clock never moves here, so an abort that waited for the grace period would
  /// never return: returning at all shows it does not wait.
  @Test(.timeLimit(.minutes(1))) func abortStopsTheProcessGroup() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let wake = WakeSignal()
    let marker = "vane-abort-\(UUID().uuidString)"
    let running = sandbox.directory.path + "/running"
    let context = sandbox.context(task: shellTask("touch \(running); sleep 30 # \(marker)"), wake: wake)
    let plugin = sandbox.plugin(sandbox.configuration(grace: .seconds(1)), clock: ManualClock())
    let started = await plugin.handle(context)
    var next = context
    next.pluginState = try #require(started.state)
    // Once the command runs, SIGTERM alone ends it (an abort before that is the wrapper's to
    // remember, and the grace period's SIGKILL covers the instant in between).
    try await eventually("the command to run") { FileManager.default.fileExists(atPath: running) }
    await plugin.abort(next, reason: "test")
    let (transition, _) = try await runToEnd(plugin, next, wake: wake, timeout: .seconds(30))
    #expect(transition.phase.error?.message.contains("killed by SIGTERM") == true)
    #expect(!processAlive(matching: marker))
  }

  @Test func abortKillsWhatIgnoresSigtermOnceTheGracePeriodIsOver() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let wake = WakeSignal()
    let trapped = sandbox.directory.path + "/trapped"
    let context = sandbox.context(task: shellTask("trap '' TERM; touch \(trapped); sleep 30"), wake: wake)
    let clock = ManualClock()
    let plugin = sandbox.plugin(sandbox.configuration(grace: .seconds(5)), clock: clock)
    var next = context
    next.pluginState = try #require(await plugin.handle(context).state)
    try await eventually("the trap to be installed") { FileManager.default.fileExists(atPath: trapped) }
    await plugin.abort(next, reason: "test")
    try await clock.waitForSleeper(after: .seconds(5))
    #expect(await plugin.handle(next).phase == .running, "SIGTERM is ignored; the grace period is not over")
    clock.advance(by: .seconds(5))
    let (transition, _) = try await runToEnd(plugin, next, wake: wake, timeout: .seconds(30))
    #expect(transition.phase.error?.message.contains("killed by SIGKILL") == true)
  }

  @Test func waitsForResourcesAndIsWokenWhenTheyFree() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let plugin = sandbox.plugin(
      sandbox.configuration(capacity: ResourceAmount(cpuMillicores: 1000, memoryBytes: 1 << 30)))
    let wakeA = WakeSignal()
    let wakeB = WakeSignal()
    let a = sandbox.context(task: shellTask("sleep 0.5", cpu: "1", memory: "100Mi"), node: "a", wake: wakeA)
    let b = sandbox.context(task: shellTask("true", cpu: "500m", memory: "512Mi"), node: "b", wake: wakeB)
    #expect(await plugin.handle(a).phase == .running)
    #expect(await plugin.handle(b).phase == .waitingForResources)
    #expect(await plugin.handle(b).phase == .waitingForResources)
    #expect(wakeB.value == 0)
    let (doneA, _) = try await runToEnd(plugin, a, wake: wakeA)
    #expect(doneA.phase == .success)
    #expect(await wakeB.wait(after: 0), "b is woken when a frees the machine")
    let (doneB, _) = try await runToEnd(plugin, b, wake: wakeB)
    #expect(doneB.phase == .success)
    await plugin.finalize(a)
    await plugin.finalize(b)
    #expect(plugin.freeResources == plugin.configuration.capacity)
  }

  @Test func badRequestsAndMissingContainersArePermanent() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let plugin = sandbox.plugin()
    let bad = await plugin.handle(sandbox.context(task: shellTask("true", cpu: "lots"), wake: WakeSignal()))
    guard case .permanentFailure(let error) = bad.phase else {
      Issue.record("expected a permanent failure, got \(bad.phase)")
      return
    }
    #expect(error.code == "LocalInvalidResources")
    var noContainer = Flyteidl_Core_TaskTemplate()
    noContainer.type = "sql"
    let none = await plugin.handle(sandbox.context(task: noContainer, node: "n1", wake: WakeSignal()))
    #expect(none.phase.error?.code == "LocalNoContainer")
  }

  @Test(arguments: [
    ("0\n", TaskExit.exited(0)), ("3", .exited(3)), ("137\n", .signaled(9)), ("143", .signaled(15)),
    ("signal 6", .signaled(6)), ("247", .signaled(9)), ("255", .exited(255)),
    ("error no shell", .launchFailed("no shell")),
  ])
  func exitFiles(text: String, status: TaskExit) {
    #expect(TaskExit(fileText: text) == status)
    #expect(TaskExit(fileText: status.fileText) == status)
  }

  @Test func statParsing() {
    let stat = "1234 (my (odd) name) S 1 1234 1234 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10"
    #expect(ProcessInspector.parseStat(stat) == .init(state: "S", startTime: 987_654))
    #expect(ProcessInspector.parseStat("garbage") == nil)
  }

  /// A shell command that waits until `path` exists: a task that ends when the test says so.
  static func waitFor(_ path: String) -> String {
    "while [ ! -e \"\(path)\" ]; do sleep 0.02; done"
  }
}
