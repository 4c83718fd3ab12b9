import ArgumentParser
import FlyteIDL
import Foundation
import Logging
import SwiftProtobuf
import VaneCompiler
import VaneData
import VaneEngine
import VaneModel
import VanePackage
import VaneStore

/// `vane run PACKAGE ENTITY`: runs a workflow or launch plan of a flytekit package to the end
/// on the embedded default, showing progress, then prints the outputs.
struct Run: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a workflow or launch plan of a flytekit package on this machine.",
    discussion: """
      Inputs: the launch plan's defaults, then --inputs-file, then -i NAME=VALUE (parsed by the \
      declared type; JSON for lists, dicts and dataclasses); fixed inputs cannot be overridden.
      Exit status: 0 succeeded, 1 the execution failed, 2 bad usage or input.
      """
  )

  @Argument(help: "A pyflyte package archive (.tgz) or a directory of its .pb files.")
  var package: String

  @Argument(help: "The workflow or launch plan to run, e.g. myproj.wfs.train.")
  var entity: String

  @Option(name: [.customShort("i"), .customLong("input")], help: "An input as NAME=VALUE (repeatable).")
  var inputs: [String] = []

  @Option(help: "A binary flyteidl.core.LiteralMap with inputs.")
  var inputsFile: String?

  @OptionGroup var outputs: OutputsFileOption
  @OptionGroup var runtime: RuntimeOptions

  @Option(help: "Name of the execution (default: a random one).")
  var name: String?

  @Option(
    help: ArgumentHelp(
      "Where tasks write raw data (files, directories, dataframes): an absolute path or a URI such as s3://b/p.",
      discussion: "Default: the launch plan's raw_output_data_config, else <data dir>/raw."))
  var rawOutputPrefix: String?

  @Flag(help: "Run cached tasks again instead of reusing cached outputs, and replace the cache entries.")
  var overwriteCache = false

  @OptionGroup var scope: ScopeOptions

  @OptionGroup var storage: StorageOptions

  func run() async throws {
    let loaded = try scope.loadPackage(at: package)
    let (workflow, plan) = try RunTarget.resolve(entity, in: loaded)
    let closure: Flyteidl_Core_CompiledWorkflowClosure
    let compiler = WorkflowCompiler(catalog: EntityCatalog(package: loaded))
    do {
      closure = try compiler.compile(workflow)
    } catch {
      throw CLIFailure.badInput("\(package): \(error.description)")
    }
    let launchPlans = try LaunchPlanClosures(package: loaded, compiler: compiler).collect(from: closure)
    let inputs = try RunInputs(variables: workflow.template.interface.inputs, launchPlan: plan)
      .assemble(assignments: self.inputs, inputsFile: inputsFile)
    let logger = Logger(label: "vane")
    let runtime = try self.runtime.open(storage: try storage.selectionWithEnvironment(), logger: logger)
    try await runtime.checkStorage()
    try await runtime.checkRay()
    var spec = try await ExecutionSpecBuilder(runtime: runtime).build(
      name: name, scope: loaded.scope.project, domain: loaded.scope.domain, closure: closure, inputs: inputs,
      launchPlan: plan?.id, codeArchive: loaded.codeArchive, launchPlans: launchPlans)
    spec.config.overwriteCache = overwriteCache
    let (prefix, source) =
      rawOutputPrefix.map { ($0, "--raw-output-prefix") }
      ?? (plan?.spec.rawOutputDataConfig.outputLocationPrefix ?? "", "the launch plan's raw_output_data_config")
    if !prefix.isEmpty {
      do {
        spec.config.rawOutputPrefix = try RawOutputPrefix.validated(prefix).rawValue
      } catch {
        throw CLIFailure.badInput("\(source) \(prefix): \(error.message)")
      }
    }
    let key: ResourceKey
    do {
      key = try await runtime.engine.create(spec)
    } catch {
      throw CLIFailure.badInput(error.description)
    }
    printError("execution \(key) of \(workflow.template.id.name) (data: \(runtime.dataDirectory))")
    let status = try await ExecutionRunner(runtime: runtime, logger: logger).run(key, progress: .standardError())
    try await ExecutionReport(runtime: runtime, key: key, outputsFile: outputs.outputsFile).finish(status)
  }
}
