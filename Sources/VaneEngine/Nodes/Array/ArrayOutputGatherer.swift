import FlyteIDL
import SwiftProtobuf
import VaneData
import VaneModel

/// Gathers the outputs of a finished array node: for every output of the inner task, a list
/// with one literal per item — the item's output when it succeeded, a none literal when it did
/// not (only possible under `min_successes` / `min_success_ratio`). Outputs kept many to a file
/// (`ArrayOutputChunks`) are read file by file, and each other item's `outputs.pb` exactly once,
/// here, straight from the data store (not through the round's cache).
enum ArrayOutputGatherer {
  static func gather(
    _ items: ArrayItems, task: Flyteidl_Core_TaskTemplate, array: Flyteidl_Core_ArrayNode, parentPaths: NodeDataPaths,
    round: RoundContext
  ) async -> Result<Flyteidl_Core_LiteralMap, ArrayFailure> {
    let variables = task.interface.outputs.variables
    let names = variables.keys.sorted()
    let perItemInterface = array.hasIsOriginalSubNodeInterface && array.isOriginalSubNodeInterface.value
    // Every list starts as none values; each succeeded item's outputs replace its slot.
    var lists: [String: [Flyteidl_Core_Literal]] = [:]
    for name in names {
      let type = variables[name]?.type ?? Flyteidl_Core_LiteralType()
      var element = type
      if !perItemInterface, case .collectionType(let inner)? = type.type { element = inner }
      lists[name] = Array(repeating: noneLiteral(for: element), count: items.count)
    }
    guard !names.isEmpty else { return .success(Flyteidl_Core_LiteralMap()) }
    var placed = [Bool](repeating: false, count: items.count)
    func place(_ index: Int, _ item: Flyteidl_Core_LiteralMap) throws(ArrayFailure) {
      guard items.phase(index).isSuccess else { return }
      for name in names {
        guard let literal = item.literals[name] else {
          throw ArrayFailure(
            .outputsNotFound, message: "array item \(index) succeeded without writing output '\(name)'",
            kind: .user)
        }
        lists[name]?[index] = literal
      }
      placed[index] = true
    }
    do throws(ArrayFailure) {
      try await ArrayOutputChunks.forEach(in: items, parentPaths: parentPaths, round: round, place)
      for index in 0..<items.count where items.phase(index).isSuccess && !placed[index] {
        let uri = round.layout.arrayItem(index, attempt: items.attempt(index), parent: parentPaths).outputs
        let item: Flyteidl_Core_LiteralMap
        do {
          item = try await round.dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: uri)
        } catch {
          throw ArrayFailure(
            .storageError, message: "array item \(index): cannot read \(uri): \(error)", kind: .system,
            storeError: error)
        }
        try place(index, item)
      }
    } catch {
      return .failure(error)
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
