import FlyteIDL
import VaneAdminStore
import VaneModel

/// Checks a launch plan spec against its workflow's interface: every fixed input and default
/// input names a workflow input and fits its type. All problems are reported together.
struct LaunchPlanCheck {
  let key: EntityKey
  let spec: Flyteidl_Admin_LaunchPlanSpec
  let interface: Flyteidl_Core_TypedInterface

  func run() throws(AdminError) {
    let inputs = interface.inputs.variables
    let known = inputs.keys.sorted().joined(separator: ", ")
    var problems: [String] = []
    for (name, literal) in spec.fixedInputs.literals.sorted(by: { $0.key < $1.key }) {
      guard let variable = inputs[name] else {
        problems.append("fixed input '\(name)' is not an input of the workflow (inputs: \(known))")
        continue
      }
      if let actual = LiteralTypeInference.type(of: literal), !LiteralTypeCasting.isCastable(actual, to: variable.type)
      {
        problems.append(
          "fixed input '\(name)' is a \(actual.readable) but the workflow declares \(variable.type.readable)")
      }
    }
    for (name, parameter) in spec.defaultInputs.parameters.sorted(by: { $0.key < $1.key }) {
      guard let variable = inputs[name] else {
        problems.append("default input '\(name)' is not an input of the workflow (inputs: \(known))")
        continue
      }
      if spec.fixedInputs.literals[name] != nil {
        problems.append("input '\(name)' is both fixed and defaulted; keep one")
      }
      if case .default(let literal)? = parameter.behavior, let actual = LiteralTypeInference.type(of: literal),
        !LiteralTypeCasting.isCastable(actual, to: variable.type)
      {
        problems.append(
          "default of '\(name)' is a \(actual.readable) but the workflow declares \(variable.type.readable)")
      }
    }
    guard problems.isEmpty else {
      throw AdminError(.invalidArgument, problems.joined(separator: "; "), at: "launch plan \(key)")
    }
  }
}
