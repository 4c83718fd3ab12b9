import FlyteIDL
import Foundation
import SwiftProtobuf
import Synchronization
import Testing
import VaneEngine
import VaneTesting

@testable import VaneRay

/// The plugin against a real Ray cluster (see `RayTestCluster`): each test runs real jobs.
@Suite struct RayPluginTests {
  @Test func aTaskRunsAsAJobWithItsEnvironmentAndKeepsItsLog() async throws {
    let address = try RayTestCluster.address.get()
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let wake = WakeSignal()
    let task = shellTask(
      #"echo "cwd=$(pwd) execution=$FLYTE_INTERNAL_EXECUTION_ID tmp=$TMPDIR ray=${RAY_ADDRESS:+set}""#)
    let context = sandbox.context(task: task, wake: wake)
    let transitions = try await runToEnd(sandbox.plugin(address), context, wake: wake)
    #expect(transitions.first?.phase == .queued)
    #expect(transitions.first?.reason.contains("submitted as Ray job \(context.uniqueID)") == true)
    let last = try #require(transitions.last)
    #expect(last.phase == .success, "\(last.phase) \(last.reason)")
    let log = try #require(last.logs.first { $0.name == "ray-job" })
    #expect(log.uri.hasPrefix("file://"))
    let text = try String(contentsOf: try #require(URL(string: log.uri)), encoding: .utf8)
    let work = sandbox.path + "/work/" + context.uniqueID
    #expect(text.contains("cwd=\(work) execution=\(sandbox.executionName) tmp=\(work)/tmp ray=set"), "\(text)")
    #expect(last.logs.contains { $0.name == "ray-dashboard" && $0.uri.contains("/#/jobs/") })
  }

  @Test func aRestartedEngineReattachesInsteadOfSubmittingAgain() async throws {
    let address = try RayTestCluster.address.get()
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let wake = WakeSignal()
    let context = sandbox.context(task: shellTask("sleep 2; echo finished"), wake: wake)
    let counting = CountingAPI(RayJobClient(address: address))
    let first = RayPlugin(configuration: sandbox.configuration(address), dataStore: sandbox.store, api: counting)
    let submitted = await first.handle(context)
    #expect(submitted.phase == .queued)
    #expect(counting.submissions == 1)
    // The engine died before it stored the state: a new engine starts from nothing.
    let second = RayPlugin(configuration: sandbox.configuration(address), dataStore: sandbox.store, api: counting)
    let transitions = try await runToEnd(second, context, wake: wake)
    #expect(counting.submissions == 1)
    #expect(transitions.last?.phase == .success)
    #expect(RayJobState(try #require(transitions.first?.state))?.submitted == true)
  }

  @Test func exitCodesBecomeFlyteErrors() async throws {
    let address = try RayTestCluster.address.get()
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let plugin = sandbox.plugin(address)
    async let user = lastPhase(plugin, sandbox, shellTask("sleep 3; echo oops >&2; exit 3"), node: "n1")
    async let missing = lastPhase(plugin, sandbox, shellTask("sleep 3; exec vane-no-such-command"), node: "n2")
    let userEnd = try await user
    guard case .retryableFailure(let userError) = userEnd else {
      Issue.record("exit 3: \(userEnd)")
      return
    }
    #expect(userError.code == "RayNonZeroExit" && userError.kind == .user)
    #expect(userError.message.contains("code 3"))
    let missingEnd = try await missing
    guard case .permanentFailure(let missingError) = missingEnd else {
      Issue.record("missing command: \(missingEnd)")
      return
    }
    #expect(missingError.code == "RayCommandNotFound")
  }

  /// The last phase of `task`'s attempts, retrying (as the engine does: a new attempt) while Ray
  /// lost track of the job — on a loaded machine Ray 2.x's job monitor can miss a job's
  /// supervisor and overwrite its outcome (see RayJobFailure), which says nothing about the task.
  private func lastPhase(
    _ plugin: RayPlugin, _ sandbox: Sandbox, _ task: Flyteidl_Core_TaskTemplate, node: String
  ) async throws -> PluginTransition.Phase {
    for attempt in UInt32(0)..<4 {
      let wake = WakeSignal()
      let end = try #require(
        try await runToEnd(plugin, sandbox.context(task: task, node: node, attempt: attempt, wake: wake), wake: wake)
          .last)
      if case .retryableFailure(let error) = end.phase, error.code == "RaySystemFailure" { continue }
      return end.phase
    }
    Issue.record("Ray lost track of \(node)'s job four times in a row")
    throw CancellationError()
  }

  /// Abort stops the job and its process. How fast is a speed target (`make bench`, the
  /// `vane serve` e2e test), not something a test on a loaded machine can assert.
  @Test func abortStopsARunningJob() async throws {
    let address = try RayTestCluster.address.get()
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let wake = WakeSignal()
    let plugin = sandbox.plugin(address)
    var context = sandbox.context(task: shellTask("exec sleep 6061"), wake: wake)
    let client = RayJobClient(address: address)
    var transition = await plugin.handle(context)
    while transition.phase != .running {
      try #require(!transition.phase.isTerminal, "the job ended before it ran: \(transition.reason)")
      if let state = transition.state { context.pluginState = state }
      let seen = wake.value
      if let delay = transition.wakeUpAfter {
        _ = await wake.wait(after: seen, within: delay)
      } else {
        try #require(await wake.wait(after: seen), "no wake-up after \(transition.phase) (\(transition.reason))")
      }
      transition = await plugin.handle(context)
    }
    if let state = transition.state { context.pluginState = state }
    await plugin.abort(context, reason: "test")
    try await eventually("the job stopped") { (try? await client.job(context.uniqueID))?.status == .stopped }
    try await eventually("the job's process gone") { !processAlive(matching: "sleep 6061") }
  }

  @Test func anotherExecutionsJobIsNeverAdopted() async throws {
    let address = try RayTestCluster.address.get()
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let wake = WakeSignal()
    let context = sandbox.context(task: shellTask("true"), wake: wake)
    try await RayJobClient(address: address).submit(
      RayJobSubmission(
        entrypoint: "true", submissionID: context.uniqueID, metadata: [RayJobMachine.ownerKey: "file:///elsewhere"]))
    let transition = await sandbox.plugin(address).handle(context)
    guard case .permanentFailure(let error) = transition.phase else {
      Issue.record("\(transition.phase)")
      return
    }
    #expect(error.code == "RaySubmissionIdTaken")
  }

  @Test func aRayTasksRuntimeEnvReachesItsJob() async throws {
    let address = try RayTestCluster.address.get()
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let wake = WakeSignal()
    var task = shellTask(#"echo "from runtime env: $VANE_RUNTIME_VALUE""#, type: "ray")
    let runtime = Data(#"{"env_vars": {"VANE_RUNTIME_VALUE": "42"}}"#.utf8).base64EncodedString()
    task.custom.fields["runtimeEnv"] = .init(stringValue: runtime)
    let transitions = try await runToEnd(sandbox.plugin(address), sandbox.context(task: task, wake: wake), wake: wake)
    let last = try #require(transitions.last)
    #expect(last.phase == .success, "\(last.reason)")
    let log = try #require(last.logs.first { $0.name == "ray-job" })
    #expect(
      try String(contentsOf: try #require(URL(string: log.uri)), encoding: .utf8).contains("from runtime env: 42"))
  }

  @Test func aRuntimeEnvRayRefusesFailsTheTaskWithRaysReason() async throws {
    let address = try RayTestCluster.address.get()
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let wake = WakeSignal()
    var task = shellTask("true", type: "ray")
    task.custom.fields["runtimeEnv"] = .init(stringValue: Data(#"{"pip": 5}"#.utf8).base64EncodedString())
    let transitions = try await runToEnd(sandbox.plugin(address), sandbox.context(task: task, wake: wake), wake: wake)
    let last = try #require(transitions.last)
    guard case .permanentFailure(let error) = last.phase else {
      Issue.record("\(last.phase)")
      return
    }
    #expect(error.code == "RayJobRejected" && error.kind == .user)
    #expect(error.message.contains("pip"), "\(error.message)")
  }

  @Test func anUnreachableClusterIsWaitedForThenFailsAsASystemError() async throws {
    let address = try #require(RayAddress("http://127.0.0.1:\(closedPort())"))
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let wake = WakeSignal()
    let context = sandbox.context(task: shellTask("true"), wake: wake)
    let patient = await sandbox.plugin(address).handle(context)
    #expect(patient.phase == .waitingForResources)
    #expect(patient.wakeUpAfter != nil)
    #expect(patient.reason.contains("cannot reach the Ray job API"))
    let impatient = await sandbox.plugin(address, contactTimeout: .zero).handle(context)
    guard case .retryableFailure(let error) = impatient.phase else {
      Issue.record("\(impatient.phase)")
      return
    }
    #expect(error.code == "RayClusterUnreachable" && error.kind == .system)
  }
}

/// The real client, counting submissions.
final class CountingAPI: RayJobAPI {
  let client: RayJobClient
  private let count = Mutex(0)

  init(_ client: RayJobClient) { self.client = client }

  var address: RayAddress { client.address }
  var submissions: Int { count.withLock { $0 } }

  func submit(_ submission: RayJobSubmission) async throws(RayAPIError) {
    count.withLock { $0 += 1 }
    try await client.submit(submission)
  }

  func job(_ submissionID: String) async throws(RayAPIError) -> RayJobDetails? { try await client.job(submissionID) }
  func jobs() async throws(RayAPIError) -> [String: RayJobDetails] { try await client.jobs() }
  func stop(_ submissionID: String) async throws(RayAPIError) -> Bool { try await client.stop(submissionID) }
  func logs(_ submissionID: String, limit: Int) async throws(RayAPIError) -> String {
    try await client.logs(submissionID, limit: limit)
  }
}

/// Whether a live process has `needle` in its command line.
func processAlive(matching needle: String) -> Bool {
  guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return false }
  for entry in entries where entry.allSatisfy(\.isNumber) {
    guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { continue }
    let text = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
    guard text.contains(needle) else { continue }
    let stat = FileManager.default.contents(atPath: "/proc/\(entry)/stat").map { String(decoding: $0, as: UTF8.self) }
    if let stat, let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "Z" { continue }
    return true
  }
  return false
}
