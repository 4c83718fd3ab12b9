import Foundation
import Testing

/// One message fixture written by `scripts/fixtures/make_fixtures.py`: a binary file, its JSON
/// form, the proto type and the feature kinds it covers.
struct FixtureEntry: Decodable, Sendable, CustomTestStringConvertible {
  let file: String
  let json: String
  let type: String
  let kinds: [String]
  let unknownFields: Bool

  enum CodingKeys: String, CodingKey {
    case file, json, type, kinds
    case unknownFields = "unknown_fields"
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    file = try container.decode(String.self, forKey: .file)
    json = try container.decode(String.self, forKey: .json)
    type = try container.decode(String.self, forKey: .type)
    kinds = try container.decode([String].self, forKey: .kinds)
    unknownFields = try container.decodeIfPresent(Bool.self, forKey: .unknownFields) ?? false
  }

  var testDescription: String { "\(file) (\(type))" }
}

/// Finds the fixtures next to this source file, so tests never depend on bundle resources.
enum FixtureManifest {
  static let directory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures", isDirectory: true)

  static func load() throws -> [FixtureEntry] {
    let data = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
    return try JSONDecoder().decode([FixtureEntry].self, from: data)
  }

  /// The manifest, or no entries when it cannot be read (`manifestLoads` fails in that case).
  static let entries: [FixtureEntry] = (try? load()) ?? []

  static func bytes(_ name: String) throws -> Data {
    try Data(contentsOf: directory.appendingPathComponent(name))
  }

  /// Every kind the fixtures must cover between them: a fixture that goes missing or stops
  /// exercising one of these fails `manifestCoversRequiredKinds`.
  static let requiredKinds: [String] = [
    "message.flyteidl.admin.TaskSpec", "message.flyteidl.admin.WorkflowSpec",
    "message.flyteidl.admin.LaunchPlan", "message.flyteidl.core.LiteralMap",
    "message.flyteidl.core.DynamicJobSpec", "message.flyteidl.core.ErrorDocument",
    "task.python", "task.container", "task.array", "task.dynamic", "task.fast", "task.retries", "task.cache",
    "node.task", "node.branch", "node.branch.nested", "node.branch.fail", "node.subworkflow",
    "node.launchplan", "node.array", "node.gate.sleep", "node.gate.signal", "node.gate.approve",
    "workflow.failure_node", "workflow.fail_after_executable_nodes_complete",
    "launchplan.default_inputs", "launchplan.fixed_inputs", "launchplan.schedule.cron",
    "launchplan.schedule.fixed_rate",
    "literal.primitive.integer", "literal.primitive.float_value", "literal.primitive.string_value",
    "literal.primitive.boolean", "literal.primitive.datetime", "literal.primitive.duration",
    "literal.collection", "literal.map", "literal.blob.single", "literal.blob.multipart",
    "literal.structured_dataset", "literal.union", "literal.none", "literal.generic",
    "literal.binary.msgpack", "literal.error", "literal.schema",
    "dynamic.subworkflows", "error.recoverable", "error.non_recoverable",
    "unknown_fields",
  ]
}
