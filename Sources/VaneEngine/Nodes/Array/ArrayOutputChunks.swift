import FlyteIDL
import VaneData
import VaneModel

/// The outputs in-process plugins handed back in memory for map items, stored many to a file:
/// one file per visit that had any, `<array output dir>/items/<lowest index>.pb`, a LiteralMap
/// from item index (decimal) to a map literal of the item's outputs. The files written are
/// listed in the array status (`output_chunks`), so a file left by a round that never
/// committed is never read. Two directories and one file per item (Flyte's per-item layout)
/// cost more than the item itself for such plugins; task processes keep that layout.
enum ArrayOutputChunks {
  static func uri(_ chunk: UInt32, parentPaths: NodeDataPaths) -> DataURI {
    parentPaths.outputDirectory.appending("items", "\(chunk).pb")
  }

  /// Stores `outputs` (by item index) as one file and lists it in `items`.
  static func store(
    _ outputs: [Int: Flyteidl_Core_LiteralMap], in items: inout ArrayItems, parentPaths: NodeDataPaths,
    round: RoundContext
  ) async throws(DataError) {
    guard let lowest = outputs.keys.min() else { return }
    var file = Flyteidl_Core_LiteralMap()
    for (index, item) in outputs {
      var literal = Flyteidl_Core_Literal()
      literal.map = item
      file.literals[String(index)] = literal
    }
    let chunk = UInt32(lowest)
    try await round.dataStore.stageMessage(file, to: uri(chunk, parentPaths: parentPaths))
    if !items.outputChunks.contains(chunk) { items.outputChunks.append(chunk) }
  }

  /// Calls `body` with each stored item's index and outputs, file by file.
  static func forEach(
    in items: ArrayItems, parentPaths: NodeDataPaths, round: RoundContext,
    _ body: (Int, Flyteidl_Core_LiteralMap) throws(ArrayFailure) -> Void
  ) async throws(ArrayFailure) {
    for chunk in items.outputChunks {
      let uri = uri(chunk, parentPaths: parentPaths)
      let file: Flyteidl_Core_LiteralMap
      do {
        file = try await round.dataStore.readMessage(Flyteidl_Core_LiteralMap.self, from: uri)
      } catch {
        throw ArrayFailure(
          .storageError, message: "array item outputs: cannot read \(uri): \(error)", kind: .system,
          storeError: error)
      }
      for (key, literal) in file.literals {
        guard let index = Int(key), index >= 0, index < items.count, case .map(let outputs)? = literal.value else {
          throw ArrayFailure(
            .outputsNotFound, message: "array item outputs: \(uri) holds an entry '\(key)' that is not an item",
            kind: .system)
        }
        try body(index, outputs)
      }
    }
  }
}
