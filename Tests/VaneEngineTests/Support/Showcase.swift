import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneCompiler
import VaneTesting

/// The flytekit showcase package under `Tests/Fixtures/packages/showcase-dir`, decoded and
/// compiled with the real compiler (`*_1.pb` task specs, `*_2.pb` workflow specs).
enum Showcase {
  struct Missing: Error, CustomStringConvertible {
    var description: String
  }

  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/packages/showcase-dir")

  private struct Package: Sendable {
    var tasks: [Flyteidl_Core_TaskTemplate] = []
    var workflows: [String: Flyteidl_Admin_WorkflowSpec] = [:]
  }

  private static let package: Result<Package, any Error> = Result {
    var package = Package()
    for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
      let data = try Data(contentsOf: directory.appendingPathComponent(file))
      if file.hasSuffix("_1.pb") {
        package.tasks.append(try Flyteidl_Admin_TaskSpec(serializedBytes: data).template)
      } else if file.hasSuffix("_2.pb") {
        let spec = try Flyteidl_Admin_WorkflowSpec(serializedBytes: data)
        package.workflows[spec.template.id.name] = spec
      }
    }
    return package
  }

  /// The compiled closure of workflow `name` (e.g. `showcase.basics.chain`).
  static func closure(_ name: String) throws -> Flyteidl_Core_CompiledWorkflowClosure {
    let package = try package.get()
    guard let spec = package.workflows[name] else {
      throw Missing(description: "no workflow \(name) in \(directory.path)")
    }
    let catalog = EntityCatalog(
      tasks: package.tasks, workflows: package.workflows.values.flatMap { [$0.template] + $0.subWorkflows })
    return try WorkflowCompiler(catalog: catalog).compile(spec)
  }
}
