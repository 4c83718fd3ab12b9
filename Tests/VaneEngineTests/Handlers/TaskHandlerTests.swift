import FlyteIDL
import Foundation
import Testing
import VaneData
import VaneModel
import VaneTesting

@testable import VaneEngine

/// The task handler alone, round by round: what it asks the plugin, what it stores, which
/// task events it records, and how it judges what an attempt left.
@Suite("Task handler")
struct TaskHandlerTests {
  func harness(_ script: TaskScript = ShowcaseTasks.square) async throws -> HandlerHarness {
    let harness = try HandlerHarness(try OneNode.task(), node: "n0", inputs: ["x": .int(3)])
    harness.plugin.script("square", script)
    try await harness.start(inputs: ["x": .int(3)])
    return harness
  }

  @Test func startsTheAttemptThenReadsItsOutputs() async throws {
    let harness = try await harness()
    let first = await harness.handle().verdict
    #expect(first.isRunning)
    #expect(harness.status.pluginState == Data("started".utf8), "the plugin's state is kept for the next round")
    #expect(harness.wakeUps.value == 1, "the plugin woke the execution up")
    let second = await harness.handle().verdict
    #expect(second.outputs == harness.paths.outputs)
    #expect(try await harness.outputs(at: second.outputs).literals["o0"]?.intValue == 9)
    #expect(harness.plugin.attempts(of: "n0").map(\.starts) == [1], "started once, however many rounds")
    #expect(harness.taskEvents.map(\.phase) == [.running, .succeeded])
    let done = try #require(harness.taskEvents.last)
    #expect(done.outputUri == harness.paths.outputs.rawValue)
    #expect(done.inputUri == harness.paths.inputs.rawValue)
    #expect(done.producerID == "test" && done.retryAttempt == 0 && done.taskType == "python-task")
  }

  @Test func recordsAnEventOnlyWhenTheTaskPhaseChanges() async throws {
    let harness = try await harness(ShowcaseTasks.square.holding())
    for _ in 0..<3 { #expect(await harness.handle().verdict.isRunning) }
    #expect(harness.taskEvents.map(\.phase) == [.running])
  }

  @Test func anErrorDocumentDecidesRetryableOrNot() async throws {
    let recoverable = try await harness(
      ShowcaseTasks.square.ending([0: .errorDocument(.recoverable, origin: .user)]).immediately())
    let retry = await recoverable.handle().verdict
    #expect(retry.isRetryable)
    #expect(retry.error?.code == "USER:ValueError" && retry.error?.kind == .user)
    #expect(recoverable.taskEvents.map(\.phase) == [.retryableFailed])

    let final = try await harness(
      ShowcaseTasks.square.ending([0: .errorDocument(.nonRecoverable, origin: .system)]).immediately())
    let failed = await final.handle().verdict
    #expect(failed.isFailure)
    #expect(failed.error?.kind == .system)
  }

  @Test func outputsThatAreNotThereAreNotFound() async throws {
    let missing = try await harness(ShowcaseTasks.square.ending([0: .noOutputs]).immediately())
    let verdict = await missing.handle().verdict
    #expect(verdict.isRetryable)
    #expect(verdict.error?.code == NodeErrorCode.outputsNotFound.rawValue && verdict.error?.kind == .system)

    let corrupt = try await harness(ShowcaseTasks.square.ending([0: .corruptOutputs]).immediately())
    let unreadable = await corrupt.handle().verdict
    #expect(unreadable.isRetryable)
    #expect(unreadable.error?.code == "OutputsNotFound")
    #expect(unreadable.error?.message.contains("unreadable") == true)

    let lacking = try await harness(TaskScript { _ in literals(["other": .int(1)]) }.immediately())
    let partial = await lacking.handle().verdict
    #expect(partial.isFailure, "a task that returns the wrong outputs will do so again")
    #expect(partial.error?.code == "OutputsNotFound" && partial.error?.kind == .user)
    #expect(partial.error?.message.contains("o0") == true)
  }

  @Test func outputsHandedBackInMemoryAreStored() async throws {
    let harness = try await harness(ShowcaseTasks.square.ending([0: .succeedInMemory]).immediately())
    let verdict = await harness.handle().verdict
    #expect(verdict.outputs == harness.paths.outputs)
    #expect(try await harness.outputs(at: harness.paths.outputs).literals["o0"]?.intValue == 9)
  }

  @Test func outputsThatCannotBeStoredAreARetryableSystemError() async throws {
    let harness = try await harness(ShowcaseTasks.square.ending([0: .succeedInMemory]).immediately())
    harness.dataStore.failing(harness.paths.outputs, [.write], with: .ioFailed)
    let verdict = await harness.handle().verdict
    #expect(verdict.isRetryable)
    #expect(verdict.error?.code == "WriteOutputsFailed" && verdict.error?.kind == .system)
  }

  @Test func aTaskTypeWithoutAPluginFailsTheNode() async throws {
    var template = G.task("square", inputs: ["x"])
    template.type = "spark"
    let harness = try HandlerHarness(try OneNode.task(template), node: "n0")
    try await harness.start(inputs: ["x": .int(3)])
    let verdict = await harness.handle().verdict
    #expect(verdict.isFailure)
    #expect(verdict.error?.code == "UnsupportedTaskType")
    #expect(
      verdict.error?.message.contains("'spark'") == true && verdict.error?.message.contains("python-task") == true)
  }

  @Test func abortAndFinalizeReachThePluginOnlyOnceAnAttemptStarted() async throws {
    let harness = try HandlerHarness(try OneNode.task(), node: "n0")
    await harness.abort(reason: "not started")
    #expect(harness.plugin.attempts.isEmpty)
    try await harness.start(inputs: ["x": .int(3)])
    harness.plugin.script("square", ShowcaseTasks.square.holding())
    _ = await harness.handle()
    await harness.abort(reason: "stop")
    #expect(harness.plugin.attempts(of: "n0").map(\.aborts) == [1])
  }

  @Test func withOverridesReplaceImageAndResourcesOfTheTaskItRuns() async throws {
    func entry(_ name: Flyteidl_Core_Resources.ResourceName, _ value: String) -> Flyteidl_Core_Resources.ResourceEntry {
      var entry = Flyteidl_Core_Resources.ResourceEntry()
      entry.name = name
      entry.value = value
      return entry
    }
    var template = G.task("square", inputs: ["x"])
    template.container.resources.requests = [entry(.cpu, "1"), entry(.memory, "1Gi")]
    let closure = try OneNode.task(template) { node in
      node.taskNode.overrides.containerImage = "ghcr.io/acme/big:2"
      node.taskNode.overrides.resources.requests = [entry(.cpu, "3")]
    }
    let harness = try HandlerHarness(closure, node: "n0", inputs: ["x": .int(3)])
    try await harness.start(inputs: ["x": .int(3)])
    _ = await harness.handle()
    let seen = try #require(harness.plugin.attempts(of: "n0").first).task
    #expect(seen.container.image == "ghcr.io/acme/big:2")
    #expect(seen.container.resources.requests == [entry(.memory, "1Gi"), entry(.cpu, "3")])
  }

  @Test func theExecutionsRawOutputPrefixIsTheRawRoot() async throws {
    let harness = try HandlerHarness(try OneNode.task(), node: "n0", inputs: ["x": .int(3)]) { spec in
      spec.config.rawOutputPrefix = "s3://elsewhere/raw"
    }
    try await harness.start(inputs: ["x": .int(3)])
    _ = await harness.handle()
    let prefix = try #require(harness.plugin.attempts(of: "n0").first).rawOutputPrefix.rawValue
    // The last component is the attempt's unique id: Flyte's `exec-n0-0` and a digest of the
    // execution's whole identity.
    let last = prefix.split(separator: "/").last.map(String.init) ?? ""
    #expect(prefix.hasPrefix("s3://elsewhere/raw/") && last.hasPrefix("exec-n0-0-"), "\(prefix)")
  }
}
