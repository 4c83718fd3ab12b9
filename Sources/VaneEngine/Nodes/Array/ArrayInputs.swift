import FlyteIDL
import SwiftProtobuf
import VaneModel

/// An array node's inputs split into items, as Flyte splits them: every list input not named
/// in `bound_inputs` is mapped (item `i` gets its element `i`); bound inputs and inputs that
/// are not lists (`functools.partial` values) go whole to every item. All mapped lists must
/// have the same length, which is the number of items.
struct ArrayInputs {
  let inputs: Flyteidl_Core_LiteralMap
  /// The mapped lists by input name.
  let mapped: [String: [Flyteidl_Core_Literal]]
  let count: Int

  /// Splits `inputs`, or returns the user error that makes it impossible.
  static func split(
    _ inputs: Flyteidl_Core_LiteralMap, of array: Flyteidl_Core_ArrayNode
  ) -> Result<ArrayInputs, ArrayFailure> {
    let bound = Set(array.boundInputs)
    var mapped: [String: [Flyteidl_Core_Literal]] = [:]
    var count: Int?
    for name in inputs.literals.keys.sorted() where !bound.contains(name) {
      guard let literal = inputs.literals[name] else { continue }
      if case .offloadedMetadata(let offloaded)? = literal.value {
        return .failure(
          ArrayFailure(
            code: "OffloadedInputNotSupported",
            message: "array input '\(name)' is offloaded to \(offloaded.uri); "
              + "offloaded inputs of map tasks are not supported by this version of Vane", kind: .user))
      }
      guard case .collection(let collection)? = literal.value else { continue }
      let items = collection.literals
      if let count, count != items.count {
        return .failure(
          ArrayFailure(
            code: "InvalidArrayLength",
            message: "the mapped inputs of the array node have different lengths: expected \(count) items, "
              + "input '\(name)' has \(items.count)", kind: .user))
      }
      count = items.count
      mapped[name] = items
    }
    if count == nil {
      // Flyte runs a single item when every input is bound; otherwise nothing says how many.
      guard bound.count == inputs.literals.count else {
        return .failure(
          ArrayFailure(
            code: "InvalidArrayLength",
            message: "the array node has no list input to map over (inputs: "
              + "\(inputs.literals.keys.sorted().joined(separator: ", ")); bound: "
              + "\(array.boundInputs.joined(separator: ", ")))", kind: .user))
      }
      count = 1
    }
    return .success(ArrayInputs(inputs: inputs, mapped: mapped, count: count ?? 0))
  }

  /// The inputs of item `index`: its element of every mapped list, everything else whole.
  func item(_ index: Int) -> Flyteidl_Core_LiteralMap {
    var map = inputs
    for (name, items) in mapped where index < items.count {
      map.literals[name] = items[index]
    }
    return map
  }
}

/// When an array node as a whole succeeds: at least `min_successes` items, or the fraction
/// `min_success_ratio` of them (rounded up), or else all of them.
enum ArraySuccessCriteria {
  static func minSuccesses(_ array: Flyteidl_Core_ArrayNode, count: Int) -> Int {
    switch array.successCriteria {
    case .minSuccesses(let minimum)?:
      return Int(minimum)
    case .minSuccessRatio(let ratio)?:
      // The ratio travels as a 32-bit float: 0.3 arrives as 0.30000001, and 0.30000001 × 10
      // rounded up would ask for 4 of 10 items. A relative tolerance far above the float's
      // error (2⁻²⁴ relative) and far below one item keeps 0.3 × 10 at 3, as the user meant.
      let exact = Double(min(max(ratio, 0), 1)) * Double(count)
      return Int((exact - 1e-7 * max(1, exact)).rounded(.up))
    case nil:
      return count
    }
  }
}

/// An execution error as a Swift error, for `Result`s in the array handler.
struct ArrayFailure: Error {
  let error: Flyteidl_Core_ExecutionError

  init(code: String, message: String, kind: Flyteidl_Core_ExecutionError.ErrorKind) {
    error = .make(code: code, message: message, kind: kind)
  }
}
