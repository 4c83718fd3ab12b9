import FlyteIDL
import Foundation
import SwiftProtobuf
import Testing

@testable import VaneServer

@Suite struct ProjectReferencesTests {
  @Test func findsProjectsAtEveryLevelOfSingularFields() {
    var create = Flyteidl_Admin_ExecutionCreateRequest()
    create.project = "b"
    create.spec.launchPlan.project = "a"
    #expect(ProjectReferences.of(create) == ["a", "b"])

    var task = Flyteidl_Admin_TaskExecutionGetRequest()
    task.id.nodeExecutionID.executionID.project = "deep"
    #expect(ProjectReferences.of(task) == ["deep"])

    var update = Flyteidl_Admin_Project()
    update.id = "p"
    #expect(ProjectReferences.of(update) == ["p"])
    var register = Flyteidl_Admin_ProjectRegisterRequest()
    register.project.id = "new"
    #expect(ProjectReferences.of(register) == ["new"])
    #expect(ProjectReferences.of(Flyteidl_Admin_ProjectListRequest()).isEmpty)
  }

  @Test func doesNotWalkRepeatedFields() {
    var workflow = Flyteidl_Admin_WorkflowCreateRequest()
    workflow.id.project = "a"
    var node = Flyteidl_Core_Node()
    node.taskNode.referenceID.project = "elsewhere"
    workflow.spec.template.nodes = [node]
    #expect(ProjectReferences.of(workflow) == ["a"])
  }

  /// Every generated message with a `project` (or project `id`) field must be
  /// `ProjectCarrying`, or requests made of it would name no project and need a role everywhere.
  @Test func everyGeneratedTypeWithAProjectFieldCarriesIt() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let generated = root.appendingPathComponent("Sources/FlyteIDL/Generated")
    let conformances = try String(
      contentsOf: root.appendingPathComponent("Sources/VaneServer/Auth/ProjectCarrying.swift"), encoding: .utf8)
    let carrying = Set(
      conformances.split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix("extension "), line.contains(": ProjectCarrying") else { return nil }
        return line.dropFirst("extension ".count).split(separator: ":").first.map(String.init)
      })
    var withProject: Set<String> = []
    for file in try FileManager.default.contentsOfDirectory(atPath: generated.path) where file.hasSuffix(".pb.swift") {
      var current: String?
      let text = try String(contentsOf: generated.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n") {
        if line.hasPrefix("public nonisolated struct ") {
          current = line.split(separator: " ")[3].split(separator: ":").first.map(String.init)
        }
        let projectField =
          line.hasPrefix("  public var project: String")
          || (line.hasPrefix("  public var id: String") && current?.hasPrefix("Flyteidl_Admin_Project") == true)
        if projectField, let name = current { withProject.insert(name) }
      }
    }
    #expect(withProject.count > 15)
    #expect(withProject.subtracting(carrying).sorted() == [], "add these to ProjectCarrying.swift")
  }
}
