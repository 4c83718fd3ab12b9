import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing
import VaneCompiler

/// Real flytekit output: every workflow in every package directory under
/// `Tests/Fixtures/packages/` (and in the directories listed, colon-separated, in
/// `VANE_COMPILER_FIXTURES`) must compile. Files are decoded directly: `*_1.pb` is an
/// `admin.TaskSpec`, `*_2.pb` an `admin.WorkflowSpec`, `*_3.pb` an `admin.LaunchPlan`.
enum FixturePackages {
  static let directories: [String] = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/packages").path
    var roots = [root]
    if let extra = ProcessInfo.processInfo.environment["VANE_COMPILER_FIXTURES"] {
      roots += extra.split(separator: ":").map(String.init)
    }
    var found: Set<String> = []
    for base in roots {
      guard let walker = FileManager.default.enumerator(atPath: base) else { continue }
      while let relative = walker.nextObject() as? String {
        if relative.hasSuffix("_2.pb") {
          found.insert(URL(fileURLWithPath: base).appendingPathComponent(relative).deletingLastPathComponent().path)
        }
      }
    }
    return found.sorted()
  }()

  struct Package {
    var tasks: [Flyteidl_Core_TaskTemplate] = []
    var workflows: [(file: String, spec: Flyteidl_Admin_WorkflowSpec)] = []
    var launchPlans: [Flyteidl_Admin_LaunchPlan] = []
  }

  static func load(_ directory: String) throws -> Package {
    var package = Package()
    for file in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
      let path = URL(fileURLWithPath: directory).appendingPathComponent(file)
      if file.hasSuffix("_1.pb") {
        package.tasks.append(try Flyteidl_Admin_TaskSpec(serializedBytes: Data(contentsOf: path)).template)
      } else if file.hasSuffix("_2.pb") {
        package.workflows.append((file, try Flyteidl_Admin_WorkflowSpec(serializedBytes: Data(contentsOf: path))))
      } else if file.hasSuffix("_3.pb") {
        package.launchPlans.append(try Flyteidl_Admin_LaunchPlan(serializedBytes: Data(contentsOf: path)))
      }
    }
    return package
  }
}

@Suite struct FixturePackageTests {
  @Test(.enabled(if: !FixturePackages.directories.isEmpty), arguments: FixturePackages.directories)
  func everyWorkflowCompiles(directory: String) throws {
    let package = try FixturePackages.load(directory)
    try #require(!package.workflows.isEmpty)
    let catalog = EntityCatalog(
      tasks: package.tasks,
      workflows: package.workflows.flatMap { [$0.spec.template] + $0.spec.subWorkflows },
      launchPlans: package.launchPlans)
    let compiler = WorkflowCompiler(catalog: catalog)
    for (file, spec) in package.workflows {
      do {
        let closure = try compiler.compile(spec)
        #expect(closure.primary.template.nodes.first?.id == "start-node", "\(file)")
        #expect(closure.primary.connections.downstream["start-node"] != nil, "\(file)")
      } catch {
        Issue.record("\(file) does not compile:\n\(error)")
      }
    }
  }
}
