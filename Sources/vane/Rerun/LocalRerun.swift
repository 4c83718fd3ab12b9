import FlyteIDL
import Foundation
import Logging
import SwiftProtobuf
import VaneAdmin
import VaneEngine
import VaneModel
import VaneStore

/// Starts a new execution from the spec of an earlier one in a data directory — its compiled
/// workflow, inputs, launch plans and settings, under a new name — and runs it to its end like
/// `vane run`. A relaunch runs every node again; a recovery (`spec.recover_from`) reuses the
/// outputs of the nodes that succeeded in the earlier execution.
struct LocalRerun {
  let mode: RerunMode
  let execution: String
  let runtime: RuntimeOptions
  let name: String?
  let outputsFile: String?

  func run() async throws {
    let logger = Logger(label: "vane")
    let runtime = try self.runtime.open(logger: logger)
    try await runtime.checkRay()
    let oldKey = try await ExecutionFinder(runtime: runtime).find(execution)
    let (old, oldStatus) = try await read(oldKey, runtime: runtime)
    let oldPhase = WorkflowPhase(stored: oldStatus?.phase ?? 0)
    if mode == .recover && !oldPhase.isTerminal {
      throw CLIFailure.badInput(
        "execution \(oldKey) is \(oldPhase.description.lowercased()); only an execution that ended can be "
          + "recovered (wait for it, or `vane resume` it)")
    }
    let spec = try await newSpec(from: old, runtime: runtime)
    let key = try await create(spec, runtime: runtime)
    let verb = mode == .recover ? "recovery" : "relaunch"
    printError(
      "execution \(key) of \(old.closure.primary.template.id.name) (data: \(runtime.dataDirectory)), "
        + "\(verb) of \(oldKey.name)")
    let status = try await ExecutionRunner(runtime: runtime, logger: logger).run(key, progress: .standardError())
    try await ExecutionReport(runtime: runtime, key: key, outputsFile: outputsFile).finish(status)
  }

  private func read(
    _ key: ResourceKey, runtime: LocalRuntime
  ) async throws -> (
    Vane_ExecutionSpec, Vane_ExecutionStatus?
  ) {
    let spec: Vane_ExecutionSpec?
    let status: Vane_ExecutionStatus?
    do {
      spec = try await runtime.engine.spec(of: key)
      status = try await runtime.engine.status(of: key)
    } catch {
      throw CLIFailure.failed(error.description)
    }
    guard let spec else { throw CLIFailure.badInput("no execution named '\(execution)' in \(runtime.dataDirectory)") }
    return (spec, status)
  }

  private func create(_ spec: Vane_ExecutionSpec, runtime: LocalRuntime) async throws -> ResourceKey {
    do {
      return try await runtime.engine.create(spec)
    } catch {
      throw CLIFailure.badInput(error.description)
    }
  }

  /// The old spec under a new name and data directory: a top-level execution of its own,
  /// recovering from the old one or not.
  private func newSpec(from old: Vane_ExecutionSpec, runtime: LocalRuntime) async throws -> Vane_ExecutionSpec {
    let fresh = try await ExecutionSpecBuilder(runtime: runtime).build(
      name: name, scope: old.id.project, domain: old.id.domain, closure: old.closure, inputs: old.inputs,
      launchPlan: old.hasLaunchPlan ? old.launchPlan : nil, codeArchive: nil)
    return mode.spec(from: old, id: fresh.id, dataDir: fresh.dataDir, createdAt: fresh.createdAt)
  }
}
