import FlyteIDL
import VaneModel

/// Which input an echo task hands back as each of its outputs.
///
/// flytekit's `Echo(inputs={"a": str})` declares `(a) -> (o0)`: outputs are named by position,
/// not after the inputs. Flyte's echo plugin pairs each input with an output of the same
/// interface; Vane pairs them the same way, in this order:
///
/// 1. No interface at all (a hand-built template): the inputs are the outputs, unchanged.
/// 2. Every output is named like an input: by name.
/// 3. Otherwise the counts must match and each output (in flytekit's order `o0`, `o1`, …, `o10`)
///    takes the one remaining input whose type is castable to it. Positions cannot decide
///    more: a protobuf map keeps no order, so two inputs that both fit are refused as
///    ambiguous rather than paired by guess.
struct EchoMapping: Sendable, Equatable {
  /// Output name → input name; `nil` means "copy every input under its own name".
  let pairs: [String: String]?

  /// Why an interface cannot be echoed.
  struct Problem: Error, Equatable {
    let message: String
  }

  /// The mapping for `task`'s interface, or the ``Problem`` that makes it unusable.
  static func of(_ task: Flyteidl_Core_TaskTemplate) throws(Problem) -> EchoMapping {
    guard task.hasInterface else { return EchoMapping(pairs: nil) }
    let inputs = task.interface.inputs.variables
    let outputs = task.interface.outputs.variables
    if outputs.keys.allSatisfy({ inputs[$0] != nil }) {
      return EchoMapping(pairs: Dictionary(uniqueKeysWithValues: outputs.keys.map { ($0, $0) }))
    }
    guard inputs.count == outputs.count else {
      throw Problem(
        message: "the echo task has \(inputs.count) input(s) and \(outputs.count) output(s);"
          + " echo hands each input back as one output, so the counts must match")
    }
    var remaining = inputs
    var pairs: [String: String] = [:]
    for output in outputs.keys.sorted(by: Self.flytekitOrder) {
      let wanted = outputs[output]!.type
      let fitting = remaining.filter { LiteralTypeCasting.isCastable($0.value.type, to: wanted) }.keys.sorted()
      guard let input = fitting.first else {
        throw Problem(
          message: "no input of the echo task fits its output '\(output)' of type \(wanted.readable)")
      }
      guard fitting.count == 1 else {
        throw Problem(
          message: "inputs \(fitting.map { "'\($0)'" }.joined(separator: ", ")) of the echo task all fit its"
            + " output '\(output)' (\(wanted.readable)); name the outputs like the inputs to pair them")
      }
      pairs[output] = input
      remaining[input] = nil
    }
    return EchoMapping(pairs: pairs)
  }

  /// The outputs for `inputs`.
  func outputs(for inputs: Flyteidl_Core_LiteralMap) -> Flyteidl_Core_LiteralMap {
    guard let pairs else { return inputs }
    var outputs = Flyteidl_Core_LiteralMap()
    for (output, input) in pairs {
      if let literal = inputs.literals[input] { outputs.literals[output] = literal }
    }
    return outputs
  }

  /// `o2` before `o10`: numbered names by number, anything else by name after them.
  static func flytekitOrder(_ lhs: String, _ rhs: String) -> Bool {
    switch (number(lhs), number(rhs)) {
    case (let left?, let right?): left < right
    case (.some, nil): true
    case (nil, .some): false
    case (nil, nil): lhs < rhs
    }
  }

  private static func number(_ name: String) -> Int? {
    guard name.first == "o" else { return nil }
    return Int(name.dropFirst())
  }
}
