import FlyteIDL
import SwiftProtobuf
import VaneModel

/// An array node's inputs split into items, as Flyte splits them: every list input not named
/// in `bound_inputs` is mapped (item `i` gets its element `i`); bound inputs and inputs that
/// are not lists (`functools.partial` values) go whole to every item. All mapped lists must
/// have the same length, which is the number of items. Offloaded mapped inputs are read back
/// first (`loadingOffloaded`).
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
            .literalOffloadingNotSupported,
            message: "array input '\(name)' is still offloaded to \(offloaded.uri); read it back before splitting",
            kind: .system))
      }
      guard case .collection(let collection)? = literal.value else { continue }
      let items = collection.literals
      if let count, count != items.count {
        return .failure(
          ArrayFailure(
            .invalidArrayLength,
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
            .invalidArrayLength,
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
