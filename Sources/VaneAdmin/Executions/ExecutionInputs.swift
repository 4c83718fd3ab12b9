import FlyteIDL
import VaneAdminStore
import VaneModel

/// The inputs of an execution of a launch plan: its defaults, then the given inputs (each
/// type-checked against the launch plan's expected inputs), then its fixed inputs, which no
/// given input may override. Every problem is reported at once.
struct ExecutionInputs {
  let plan: Flyteidl_Admin_LaunchPlan

  func assemble(_ given: Flyteidl_Core_LiteralMap) throws(AdminError) -> Flyteidl_Core_LiteralMap {
    let expected = plan.closure.expectedInputs.parameters
    let fixed = plan.spec.fixedInputs.literals
    var problems: [String] = []
    var result = Flyteidl_Core_LiteralMap()
    for (name, parameter) in expected {
      if case .default(let literal)? = parameter.behavior { result.literals[name] = literal }
    }
    for (name, literal) in given.literals.sorted(by: { $0.key < $1.key }) {
      if fixed[name] != nil {
        problems.append("input '\(name)' is fixed by the launch plan and cannot be set")
      } else if let parameter = expected[name] {
        let declared = parameter.var.type
        if let actual = LiteralTypeInference.type(of: literal), !LiteralTypeCasting.isCastable(actual, to: declared) {
          problems.append("input '\(name)' is declared \(declared.readable) but a \(actual.readable) was given")
        } else {
          result.literals[name] = literal
        }
      } else {
        let known = expected.keys.sorted().joined(separator: ", ")
        problems.append("unknown input '\(name)' (inputs: \(known.isEmpty ? "none" : known))")
      }
    }
    for (name, parameter) in expected.sorted(by: { $0.key < $1.key })
    where parameter.required && result.literals[name] == nil {
      problems.append("missing required input '\(name)' (\(parameter.var.type.readable))")
    }
    result.literals.merge(fixed) { _, fixedValue in fixedValue }
    guard problems.isEmpty else {
      throw AdminError(.invalidArgument, problems.joined(separator: "; "), at: "inputs of \(EntityKey(plan.id))")
    }
    return result
  }
}
