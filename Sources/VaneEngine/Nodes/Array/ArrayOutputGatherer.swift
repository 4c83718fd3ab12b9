import FlyteIDL
import SwiftProtobuf
import VaneData
import VaneModel

/// Gathers the outputs of a finished array node: for every output of the inner task, a list
/// with one literal per item — the item's output when it succeeded, a none literal when it did
/// not (only possible under `min_successes` / `min_success_ratio`). Each item's `outputs.pb`
/// is read exactly once, here, straight from the data store (not through the round's cache).
enum ArrayOutputGatherer {
  static func gather(
    _ items: ArrayItems, task: Flyteidl_Core_TaskTemplate, array: Flyteidl_Core_ArrayNode, parentPaths: NodeDataPaths,
    round: RoundContext
  ) async -> Result<Flyteidl_Core_LiteralMap, ArrayFailure> {
    let variables = task.interface.outputs.variables
    let names = variables.keys.sorted()
    let perItemInterface = array.hasIsOriginalSubNodeInterface && array.isOriginalSubNodeInterface.value
    var none: [String: Flyteidl_Core_Literal] = [:]
    var lists: [String: [Flyteidl_Core_Literal]] = [:]
    for name in names {
      let type = variables[name]?.type ?? Flyteidl_Core_LiteralType()
      var element = type
      if !perItemInterface, case .collectionType(let inner)? = type.type { element = inner }
      none[name] = noneLiteral(for: element)
      lists[name] = []
      lists[name]?.reserveCapacity(items.count)
    }
    if !names.isEmpty {
      for index in 0..<items.count {
        let item: Flyteidl_Core_LiteralMap
        if items.phase(index).isSuccess {
          let uri = round.layout.arrayItem(index, attempt: items.attempt(index), parent: parentPaths).outputs
          do {
            item = try await round.dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: uri)
          } catch {
            return .failure(
              ArrayFailure(
                code: "OutputsUnreadable", message: "array item \(index): cannot read \(uri): \(error)", kind: .system))
          }
        } else {
          item = Flyteidl_Core_LiteralMap()
        }
        for name in names {
          if let literal = item.literals[name] {
            lists[name]?.append(literal)
          } else if items.phase(index).isSuccess {
            return .failure(
              ArrayFailure(
                code: "OutputsMissing", message: "array item \(index) succeeded without writing output '\(name)'",
                kind: .user))
          } else if let literal = none[name] {
            lists[name]?.append(literal)
          }
        }
      }
    }
    var outputs = Flyteidl_Core_LiteralMap()
    for (name, literals) in lists {
      var literal = Flyteidl_Core_Literal()
      literal.collection.literals = literals
      outputs.literals[name] = literal
    }
    return .success(outputs)
  }

  /// The none value a failed item leaves in a list of `element`: for an optional element
  /// (a union with a none variant) the none variant as flytekit writes `None`; otherwise the
  /// bare none scalar, as FlytePropeller writes it.
  static func noneLiteral(for element: Flyteidl_Core_LiteralType) -> Flyteidl_Core_Literal {
    var bare = Flyteidl_Core_Literal()
    bare.scalar.noneType = Flyteidl_Core_Void()
    guard case .unionType(let union)? = element.type,
      let variant = union.variants.first(where: { $0.type == .simple(.none) })
    else { return bare }
    var literal = Flyteidl_Core_Literal()
    literal.scalar.union.value = bare
    literal.scalar.union.type = variant
    return literal
  }
}
