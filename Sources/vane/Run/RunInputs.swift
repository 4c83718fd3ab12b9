import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneData
import VaneModel

/// The inputs of a run: the launch plan's defaults, then an inputs file, then `-i` values, then
/// the launch plan's fixed inputs (which nothing may override). Every problem is reported at
/// once as one exit-2 failure.
struct RunInputs {
  let variables: Flyteidl_Core_VariableMap
  let launchPlan: Flyteidl_Admin_LaunchPlan?

  func assemble(assignments: [String], inputsFile: String?) throws -> Flyteidl_Core_LiteralMap {
    let fixed = launchPlan?.spec.fixedInputs.literals ?? [:]
    var problems: [String] = []
    var open = Flyteidl_Core_VariableMap()
    open.variables = variables.variables.filter { fixed[$0.key] == nil }

    var result = Flyteidl_Core_LiteralMap()
    for (name, parameter) in launchPlan?.spec.defaultInputs.parameters ?? [:] {
      if case .default(let literal)? = parameter.behavior { result.literals[name] = literal }
    }
    if let inputsFile {
      for (name, literal) in try readInputsFile(inputsFile).literals {
        if fixed[name] != nil {
          problems.append("\(inputsFile): input '\(name)' is fixed by the launch plan and cannot be set")
        } else if let variable = open.variables[name] {
          if let problem = Self.mismatch(literal, variable.type) {
            problems.append("\(inputsFile): input '\(name)' \(problem)")
          } else {
            result.literals[name] = literal
          }
        } else {
          problems.append("\(inputsFile): unknown input '\(name)' (inputs: \(names(open)))")
        }
      }
    }
    var free: [String] = []
    for assignment in assignments {
      let name = assignment.split(separator: "=", maxSplits: 1).first.map(String.init) ?? assignment
      if fixed[name.trimmingCharacters(in: .whitespaces)] != nil {
        problems.append("-i \(assignment): input '\(name)' is fixed by the launch plan and cannot be overridden")
      } else {
        free.append(assignment)
      }
    }
    do {
      let parsed = try LiteralParser().parseInputs(free, variables: open)
      result.literals.merge(parsed.literals) { _, new in new }
    } catch {
      problems += error.errors.map { "-i: \($0.description)" }
    }
    result.literals.merge(fixed) { _, fixedValue in fixedValue }
    let missing = variables.variables.keys.filter { result.literals[$0] == nil }.sorted()
    for name in missing {
      let type = variables.variables[name]?.type.readable ?? "?"
      problems.append("missing required input '\(name)' (\(type)); pass -i \(name)=VALUE")
    }
    guard problems.isEmpty else { throw CLIFailure.badInput(problems.joined(separator: "\n")) }
    return result
  }

  /// Why `literal` does not fit `type`, or nil when it does. Literals whose type cannot be
  /// inferred (e.g. an empty list) are accepted and left to the task to judge.
  static func mismatch(_ literal: Flyteidl_Core_Literal, _ type: Flyteidl_Core_LiteralType) -> String? {
    guard let actual = LiteralTypeInference.type(of: literal) else { return nil }
    if LiteralTypeCasting.isCastable(actual, to: type) { return nil }
    return "is declared \(type.readable) but the file holds a \(actual.readable)"
  }

  private func readInputsFile(_ path: String) throws -> Flyteidl_Core_LiteralMap {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CLIFailure.badInput("\(path): cannot read the inputs file: \(error.localizedDescription)")
    }
    do {
      return try Flyteidl_Core_LiteralMap(serializedBytes: data)
    } catch {
      throw CLIFailure.badInput("\(path): not a binary flyteidl.core.LiteralMap: \(error)")
    }
  }

  private func names(_ map: Flyteidl_Core_VariableMap) -> String {
    map.variables.isEmpty ? "none" : map.variables.keys.sorted().joined(separator: ", ")
  }
}
