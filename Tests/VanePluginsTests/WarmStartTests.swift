import FlyteIDL
import Foundation
import Testing
import VaneData
import VaneEngine
import VaneModel
import VaneTesting

@testable import VanePlugins

/// Real flytekit tasks forked from a real fork server (`.venv`): outputs as a cold start gives
/// them, the server shared by attempts, its crash mid-attempt, abort, re-attach by a new plugin
/// and the idle timeout (a manual clock).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: venv + "/bin/pyflyte-execute")))
struct WarmStartTests {
  let sandbox: Sandbox
  let package: FixturePackage
  let clock = ManualClock()

  init() throws {
    sandbox = try Sandbox()
    package = try FixturePackage("showcase-fast", into: sandbox)
  }

  func plugin(grace: Duration = .seconds(5)) -> LocalProcessPlugin {
    LocalProcessPlugin(configuration: sandbox.configuration(grace: grace), dataStore: sandbox.store, clock: clock)
  }

  /// Attempt `node` of `showcase.engine_cases.step`, which logs `start`/`end` lines to
  /// `<log_dir>/steps.log` around a sleep of `pause` seconds and returns x + 1.
  func step(_ node: String, x: Int64, pause: Double, wake: WakeSignal) async throws -> TaskExecutionContext {
    let context = sandbox.context(
      task: try package.task("showcase.engine_cases.step"), node: node, wake: wake,
      codeArchive: DataURI(filePath: package.archive))
    var inputs = Flyteidl_Core_LiteralMap()
    inputs.literals["log_dir"] = .text(sandbox.directory.path)
    inputs.literals["name"] = .text(node)
    inputs.literals["x"] = .integer(x)
    inputs.literals["pause"] = .float(pause)
    try await sandbox.store.writeMessage(inputs, to: context.paths.inputs)
    return context
  }

  func output(_ context: TaskExecutionContext) async throws -> Int64? {
    try await sandbox.store.readMessage(Flyteidl_Core_LiteralMap.self, from: context.paths.outputs)
      .literals["o0"]?.scalar.primitive.integer
  }

  func steps() -> [String] {
    ((try? String(contentsOfFile: sandbox.directory.path + "/steps.log", encoding: .utf8)) ?? "")
      .split(separator: "\n").map(String.init)
  }

  /// The fork server's pid from the attempt's `started` claim (`warm <pid>`), nil for a cold one.
  func server(of context: TaskExecutionContext, _ plugin: LocalProcessPlugin) -> Int32? {
    let how = AttemptDirectory(path: plugin.workDirectory(forUniqueID: context.uniqueID)).startedHow ?? ""
    return how.hasPrefix("warm ") ? Int32(how.dropFirst(5)) : nil
  }

  func stderr(_ context: TaskExecutionContext, _ plugin: LocalProcessPlugin) -> String {
    (try? String(contentsOfFile: plugin.workDirectory(forUniqueID: context.uniqueID) + "/stderr.log", encoding: .utf8))
      ?? ""
  }

  /// Handles the attempt until it has been forked (the first time, its server has to start).
  func forked(
    _ plugin: LocalProcessPlugin, _ context: TaskExecutionContext, _ wake: WakeSignal
  ) async throws -> PluginTransition {
    while true {
      let seen = wake.value
      let transition = await plugin.handle(context)
      guard transition.reason == "waiting for a warm Python environment" else {
        try #require(transition.reason.hasPrefix("forked as pid"), "\(transition.reason)")
        return transition
      }
      try #require(await wake.wait(after: seen, within: .seconds(120)), "the server never became ready")
    }
  }

  @Test func theEmbeddedScriptIsValidPython() throws {
    defer { sandbox.directory.remove() }
    let script = try ForkServerScript.install(in: sandbox.directory.path)
    #expect(try ForkServerScript.install(in: sandbox.directory.path) == script)
    let python = Process()
    python.executableURL = URL(fileURLWithPath: venv + "/bin/python")
    python.arguments = ["-m", "py_compile", script]
    try python.run()
    python.waitUntilExit()
    #expect(python.terminationStatus == 0)
  }

  @Test func attemptsAreForkedFromOneServerAndBehaveAsColdOnes() async throws {
    defer { sandbox.directory.remove() }
    let plugin = plugin()
    defer { plugin.stopWarmStarts() }
    let wake = WakeSignal()
    var servers: Set<Int32> = []
    for (index, node) in ["n0", "n1"].enumerated() {
      let context = try await step(node, x: Int64(index) * 10, pause: 0, wake: wake)
      let (transition, state) = try await runToEnd(plugin, context, wake: wake, timeout: .seconds(120))
      #expect(transition.phase == .success, "stderr: \(stderr(context, plugin))")
      #expect(try await output(context) == Int64(index) * 10 + 1)
      let record = try #require(ProcessRecord(state))
      let directory = AttemptDirectory(path: record.workDirectory)
      #expect(directory.recordedExit() == .exited(0))
      // The fast-registration launcher unpacked the bundle into the attempt's own directory.
      #expect(FileManager.default.fileExists(atPath: directory.path + "/showcase/engine_cases.py"))
      servers.insert(try #require(server(of: context, plugin), "\(directory.startedHow ?? "not started")"))
    }
    #expect(servers.count == 1, "both attempts forked by one server: \(servers)")
    #expect(steps().filter { $0.hasPrefix("end ") }.count == 2)
  }

  @Test func anAttemptOutlivesItsServersCrashAndTheNextGetsANewServer() async throws {
    defer { sandbox.directory.remove() }
    let plugin = plugin()
    defer { plugin.stopWarmStarts() }
    let wake = WakeSignal()
    let context = try await step("n0", x: 1, pause: 3, wake: wake)
    let transition = try await forked(plugin, context, wake)
    try await waitUntil("the task runs") { steps().contains { $0.hasPrefix("start n0 ") } }
    let crashed = try #require(server(of: context, plugin))
    kill(crashed, SIGKILL)
    var reattached = context
    reattached.pluginState = try #require(transition.state)
    let (end, _) = try await runToEnd(plugin, reattached, wake: wake, timeout: .seconds(60))
    #expect(end.phase == .success, "stderr: \(stderr(context, plugin))")
    #expect(try await output(context) == 2)

    // The crash counts against the environment for a while: the next attempt starts cold …
    let next = try await step("n1", x: 5, pause: 0, wake: wake)
    _ = try await runToEnd(plugin, next, wake: wake, timeout: .seconds(120))
    #expect(server(of: next, plugin) == nil)
    // … and once that has passed, a new server forks it.
    clock.advance(by: .seconds(61))
    let last = try await step("n2", x: 7, pause: 0, wake: wake)
    let (final, _) = try await runToEnd(plugin, last, wake: wake, timeout: .seconds(120))
    #expect(final.phase == .success)
    let replacement = try #require(server(of: last, plugin))
    #expect(replacement != crashed)
  }

  @Test func abortStopsAForkedAttemptsProcessGroup() async throws {
    defer { sandbox.directory.remove() }
    let plugin = plugin(grace: .seconds(5))
    defer { plugin.stopWarmStarts() }
    let wake = WakeSignal()
    let context = try await step("n0", x: 1, pause: 60, wake: wake)
    let transition = try await forked(plugin, context, wake)
    try await waitUntil("the task runs") { steps().contains { $0.hasPrefix("start n0 ") } }
    var running = context
    running.pluginState = try #require(transition.state)
    await plugin.abort(running, reason: "test")
    let (end, _) = try await runToEnd(plugin, running, wake: wake)
    #expect(end.phase.error?.code == "LocalKilledBySignal", "\(end.phase)")
    #expect(end.phase.error?.message.contains("SIGTERM") == true)
    #expect(!steps().contains { $0.hasPrefix("end n0 ") })
  }

  @Test func aLeaderFindingTheAttemptClaimedRunsNothing() async throws {
    defer { sandbox.directory.remove() }
    let plugin = plugin()
    defer { plugin.stopWarmStarts() }
    let wake = WakeSignal()
    // Warm the server up with a first attempt.
    _ = try await runToEnd(plugin, try await step("n0", x: 1, pause: 0, wake: wake), wake: wake, timeout: .seconds(120))
    // As when an abort (or a cold fallback) claimed the attempt while its fork was in flight.
    let context = try await step("n1", x: 1, pause: 0, wake: wake)
    let directory = AttemptDirectory(path: plugin.workDirectory(forUniqueID: context.uniqueID))
    try directory.create()
    #expect(directory.claimStart("aborted"))
    _ = try await forked(plugin, context, wake)
    let (end, _) = try await runToEnd(plugin, context, wake: wake)
    #expect(end.phase.error?.code == "LocalProcessVanished", "\(end.phase)")
    #expect(directory.recordedExit() == nil)
    #expect(directory.startedHow == "aborted")
    #expect(!steps().contains { $0.hasPrefix("start n1 ") })
  }

  @Test func aNewPluginReattachesToAForkedAttempt() async throws {
    defer { sandbox.directory.remove() }
    let first = plugin()
    let wake = WakeSignal()
    let context = try await step("n0", x: 3, pause: 2, wake: wake)
    _ = try await forked(first, context, wake)
    // As after an engine restart: the new instance knows nothing but what is on disk.
    first.stopWarmStarts()
    let second = plugin()
    // The new instance finds the attempt from what is on disk: still running (it checks again
    // in a second), or — on a machine slow enough that the 2 s task ended meanwhile — its
    // recorded exit. Never vanished, never started a second time.
    let again = await second.handle(context)
    if again.phase != .success {
      #expect(again.phase == .running && again.wakeUpAfter == .seconds(1), "\(again.phase) \(again.reason)")
    }
    let (end, _) = try await runToEnd(second, context, wake: wake, timeout: .seconds(60))
    #expect(end.phase == .success)
    #expect(try await output(context) == 4)
  }

  @Test func anIdleServerExitsAfterItsTimeout() async throws {
    defer { sandbox.directory.remove() }
    let plugin = plugin()
    let wake = WakeSignal()
    let context = try await step("n0", x: 1, pause: 0, wake: wake)
    _ = try await runToEnd(plugin, context, wake: wake, timeout: .seconds(120))
    let pid = try #require(server(of: context, plugin))
    let directories = try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path + "/warm")
    #expect(directories.count == 2, "the script and one server: \(directories)")
    try await waitUntil("the server is idle") { plugin.runtime.warm.idleServers == 1 }
    clock.advance(by: .seconds(599))
    #expect(plugin.runtime.warm.serverCount == 1)
    clock.advance(by: .seconds(1))
    try await waitUntil("the idle server stops") { plugin.runtime.warm.serverCount == 0 }
    try await waitUntil("its process exits and removes its directory") {
      let left = try FileManager.default.contentsOfDirectory(atPath: sandbox.directory.path + "/warm")
      return !FileManager.default.fileExists(atPath: "/proc/\(pid)") && left.count == 1
    }
  }
}

extension Flyteidl_Core_Literal {
  static func text(_ value: String) -> Self {
    var literal = Self()
    literal.scalar.primitive.stringValue = value
    return literal
  }

  static func integer(_ value: Int64) -> Self {
    var literal = Self()
    literal.scalar.primitive.integer = value
    return literal
  }

  static func float(_ value: Double) -> Self {
    var literal = Self()
    literal.scalar.primitive.floatValue = value
    return literal
  }
}
