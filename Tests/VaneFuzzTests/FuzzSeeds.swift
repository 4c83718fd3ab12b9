import FlyteIDL
import Foundation
import SwiftProtobuf

/// The real inputs campaigns start from: flytekit-made entity files and packages under
/// `Tests/Fixtures/packages` and `Tests/VanePackageTests/Fixtures`, read in name order.
enum FuzzSeeds {
  static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  static let packages = tests.appendingPathComponent("Fixtures/packages")
  static let showcase = packages.appendingPathComponent("showcase-dir")

  static func file(_ url: URL) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url))
  }

  /// The showcase's entity files ending in `suffix` (`_1.pb` tasks, `_2.pb` workflows,
  /// `_3.pb` launch plans), in name order.
  static func showcase(_ suffix: String) throws -> [[UInt8]] {
    try FileManager.default.contentsOfDirectory(atPath: showcase.path).filter { $0.hasSuffix(suffix) }.sorted()
      .map { try file(showcase.appendingPathComponent($0)) }
  }

  static func taskSpecs() throws -> [Flyteidl_Admin_TaskSpec] {
    try showcase("_1.pb").map { try Flyteidl_Admin_TaskSpec(serializedBytes: $0) }
  }

  static func workflowSpecs() throws -> [Flyteidl_Admin_WorkflowSpec] {
    try showcase("_2.pb").map { try Flyteidl_Admin_WorkflowSpec(serializedBytes: $0) }
  }

  static func launchPlans() throws -> [Flyteidl_Admin_LaunchPlan] {
    try showcase("_3.pb").map { try Flyteidl_Admin_LaunchPlan(serializedBytes: $0) }
  }

  /// Every distinct literal type the showcase's tasks declare for an input or an output: ints,
  /// dataclasses (message-pack tagged), enums, unions, files, dataframes, nested collections.
  static func literalTypes() throws -> [Flyteidl_Core_LiteralType] {
    var seen: [Data] = []
    var types: [Flyteidl_Core_LiteralType] = []
    for spec in try taskSpecs() {
      let interface = spec.template.interface
      let variables =
        interface.inputs.variables.sorted { $0.key < $1.key }
        + interface.outputs.variables.sorted {
          $0.key < $1.key
        }
      for (_, variable) in variables {
        let bytes = try variable.type.serializedBytes() as Data
        guard !seen.contains(bytes) else { continue }
        seen.append(bytes)
        types.append(variable.type)
      }
    }
    return types
  }
}
