import ArgumentParser
import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneCompiler
import VanePackage

/// `vane compile PACKAGE [ENTITY]`: compiles the workflows of a flytekit package and prints the
/// compiled graph; exits 2 with every problem when anything does not compile.
struct Compile: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compile the workflows of a flytekit package.",
    discussion: """
      PACKAGE is a `pyflyte package [--fast]` archive or a directory of its .pb files. ENTITY is a \
      workflow or launch plan name (e.g. myproj.wfs.train); without it every workflow is compiled.
      Exit status: 0 when everything compiles, 2 on bad input (every problem is listed).
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case tree, json, dot
  }

  @Argument(help: "A pyflyte package archive (.tgz) or a directory of its .pb files.")
  var package: String

  @Argument(help: "A workflow or launch plan name; all workflows when omitted.")
  var entity: String?

  @Option(name: [.short, .long], help: "tree (readable), json (protobuf JSON of the compiled closure) or dot.")
  var output: Format = .tree

  @OptionGroup var scope: ScopeOptions

  func run() async throws {
    let loaded = try scope.loadPackage(at: package)
    let targets = try CompileTargets.select(entity, in: loaded)
    let compiler = WorkflowCompiler(catalog: EntityCatalog(package: loaded))
    var compiled: [(name: String, closure: Flyteidl_Core_CompiledWorkflowClosure)] = []
    var problems: [String] = []
    for spec in targets {
      do {
        compiled.append((spec.template.id.name, try compiler.compile(spec)))
      } catch {
        problems += error.errors.map { "\(package): \($0.description)" }
      }
    }
    try print(render(compiled, from: loaded))
    if !problems.isEmpty {
      let count = targets.count - compiled.count
      problems.insert("\(count) of \(targets.count) workflow(s) did not compile:", at: 0)
      throw CLIFailure.badInput(problems.joined(separator: "\n"))
    }
  }

  private func render(
    _ compiled: [(name: String, closure: Flyteidl_Core_CompiledWorkflowClosure)], from loaded: FlytePackage
  ) throws -> String {
    switch output {
    case .tree:
      var blocks = compiled.map { GraphTreeRenderer(closure: $0.closure).render() }
      blocks.append(
        "compiled \(compiled.count) workflow(s); package has \(loaded.tasks.count) task(s), "
          + "\(loaded.workflows.count) workflow(s), \(loaded.launchPlans.count) launch plan(s)")
      return blocks.joined(separator: "\n\n")
    case .json:
      if entity != nil, let only = compiled.first, compiled.count == 1 {
        return String(decoding: try only.closure.deterministicJSON(), as: UTF8.self)
      }
      let entries = try compiled.map { entry in
        "\(try JSONString.quote(entry.name)): \(String(decoding: try entry.closure.deterministicJSON(), as: UTF8.self))"
      }
      return "{" + entries.joined(separator: ",\n") + "}"
    case .dot:
      return GraphDotRenderer(closures: compiled).render()
    }
  }
}

/// Quoting strings for hand-assembled JSON.
enum JSONString {
  static func quote(_ text: String) throws -> String {
    String(decoding: try JSONEncoder().encode(text), as: UTF8.self)
  }
}
