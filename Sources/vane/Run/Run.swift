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

  @Option(help: "Write the outputs as a binary flyteidl.core.LiteralMap here.")
  var outputsFile: String?

  @Option(help: "Where executions and their data are kept (default: $VANE_DATA_DIR or ~/.local/share/vane).")
  var dataDir: String?

  @Option(
    name: .customLong("image"), help: "IMAGE=DIR: run tasks of this image (or *) with the Python environment DIR.")
  var images: [String] = []

  @Option(help: "Name of the execution (default: a random one).")
  var name: String?

  @Flag(help: "Run cached tasks again instead of reusing cached outputs, and replace the cache entries.")
  var overwriteCache = false

  @OptionGroup var scope: ScopeOptions

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
    let runtime = try LocalRuntime.open(dataDirectory: dataDir, images: try ImageOptions.parse(images), logger: logger)
    var spec = try await ExecutionSpecBuilder(runtime: runtime).build(
      name: name, scope: loaded.scope.project, domain: loaded.scope.domain, closure: closure, inputs: inputs,
      launchPlan: plan?.id, codeArchive: loaded.codeArchive, launchPlans: launchPlans)
    spec.config.overwriteCache = overwriteCache
    let key: ResourceKey
    do {
      key = try await runtime.engine.create(spec)
    } catch let error as EngineError {
      throw CLIFailure.badInput(error.description)
    }
    printError("execution \(key) of \(workflow.template.id.name) (data: \(runtime.dataDirectory))")
    let status = try await ExecutionRunner(runtime: runtime, logger: logger).run(key, progress: ProgressPrinter())
    try await ExecutionReport(runtime: runtime, key: key, outputsFile: outputsFile).finish(status)
  }
}

/// Parses `--image IMAGE=DIR` options.
enum ImageOptions {
  static func parse(_ options: [String]) throws -> [String: String] {
    var images: [String: String] = [:]
    for option in options {
      let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw CLIFailure.badInput("--image \(option): write IMAGE=DIR (IMAGE may be *)")
      }
      images[parts[0]] = URL(fileURLWithPath: parts[1]).standardizedFileURL.path
    }
    return images
  }
}
