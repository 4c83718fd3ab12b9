import FlyteIDL
import Foundation
import Yams

/// The inputs of `vane create execution`, typed by the launch plan's interface: a YAML/JSON
/// file (flytectl's execution file keeps them under `inputs:`) is turned into `NAME=VALUE`
/// assignments — scalars as written, lists and mappings as JSON — that `-i` overrides; any other
/// file is a binary LiteralMap. `RunInputs` then applies the launch plan's defaults and fixed
/// inputs and reports every problem at once (exit 2).
enum ExecutionInputsFile {
  /// A YAML inputs file is a few kilobytes; never read more than this.
  static let maximumBytes = 4 << 20

  static func literals(
    plan: Flyteidl_Admin_LaunchPlan, file: String?, assignments: [String]
  ) throws -> Flyteidl_Core_LiteralMap {
    var variables = Flyteidl_Core_VariableMap()
    let parameters =
      plan.closure.expectedInputs.parameters.isEmpty
      ? plan.spec.defaultInputs.parameters : plan.closure.expectedInputs.parameters
    for (name, parameter) in parameters { variables.variables[name] = parameter.var }
    let inputs = RunInputs(variables: variables, launchPlan: plan)
    guard let file, isText(file) else {
      return try inputs.assemble(assignments: assignments, inputsFile: file)
    }
    let overridden = Set(assignments.map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? $0 })
    let fromFile = try Self.assignments(file).filter { !overridden.contains($0.name) }.map { "\($0.name)=\($0.value)" }
    return try inputs.assemble(assignments: fromFile + assignments, inputsFile: nil)
  }

  static func isText(_ path: String) -> Bool {
    [".yaml", ".yml", ".json"].contains { path.lowercased().hasSuffix($0) }
  }

  /// The file's name → value pairs, sorted by name.
  static func assignments(_ path: String) throws -> [(name: String, value: String)] {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CLIFailure.badInput("--inputs \(path): cannot read the file")
    }
    defer { try? handle.close() }
    let data = (try? handle.read(upToCount: maximumBytes + 1)) ?? Data()
    guard data.count <= maximumBytes else {
      throw CLIFailure.badInput("--inputs \(path): larger than \(maximumBytes) bytes")
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: String(decoding: data, as: UTF8.self))
    } catch {
      throw CLIFailure.badInput("--inputs \(path): not valid YAML or JSON: \(error)")
    }
    guard var mapping = root?.mapping else {
      throw CLIFailure.badInput("--inputs \(path): expected a mapping of input names to values")
    }
    if let nested = mapping["inputs"]?.mapping { mapping = nested }
    var pairs: [(name: String, value: String)] = []
    for (key, node) in mapping {
      guard let name = key.string else { throw CLIFailure.badInput("--inputs \(path): an input name is not text") }
      pairs.append((name, try text(node, name: name, path: path)))
    }
    return pairs.sorted { $0.name < $1.name }
  }

  /// A scalar as written; a list or mapping as JSON text.
  private static func text(_ node: Node, name: String, path: String) throws -> String {
    if case .scalar(let scalar) = node { return scalar.string }
    guard let value = try? Yams.load(yaml: Yams.serialize(node: node)),
      JSONSerialization.isValidJSONObject(value),
      let json = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    else {
      throw CLIFailure.badInput("--inputs \(path): input '\(name)' cannot be written as JSON")
    }
    return String(decoding: json, as: UTF8.self)
  }
}
