import FlyteIDL
import VaneData
import VaneModel

extension ArrayInputs {
  /// The largest offloaded input read back, in bytes (by its recorded size).
  static let maxOffloadedBytes: UInt64 = 1 << 30

  /// `inputs` with every offloaded mapped input read back from where it was offloaded (a
  /// serialized `Literal` at `offloaded_metadata.uri`), as FlytePropeller's array node reads
  /// large literals before splitting them into items. Bound inputs stay as they are: they go
  /// whole to every item, which reads them itself.
  static func loadingOffloaded(
    _ inputs: Flyteidl_Core_LiteralMap, of array: Flyteidl_Core_ArrayNode, round: RoundContext
  ) async -> Result<Flyteidl_Core_LiteralMap, ArrayFailure> {
    let bound = Set(array.boundInputs)
    var loaded = inputs
    for (name, literal) in inputs.literals where !bound.contains(name) {
      guard case .offloadedMetadata(let offloaded)? = literal.value else { continue }
      guard offloaded.sizeBytes <= maxOffloadedBytes else {
        return .failure(
          ArrayFailure(
            .literalOffloadingNotSupported,
            message: "array input '\(name)' is offloaded to \(offloaded.uri) with \(offloaded.sizeBytes) bytes; "
              + "at most \(maxOffloadedBytes) bytes are read back", kind: .user))
      }
      do {
        var value = try await round.dataStore.readMessage(Flyteidl_Core_Literal.self, from: DataURI(offloaded.uri))
        if case .offloadedMetadata? = value.value {
          return .failure(
            ArrayFailure(
              .literalOffloadingNotSupported,
              message: "array input '\(name)' is offloaded to \(offloaded.uri), which holds another offloaded literal",
              kind: .user))
        }
        if !literal.hash.isEmpty && value.hash.isEmpty { value.hash = literal.hash }
        loaded.literals[name] = value
      } catch {
        return .failure(
          ArrayFailure(
            .storageError, message: "array input '\(name)': cannot read its offloaded value \(offloaded.uri): \(error)",
            kind: .system))
      }
    }
    return .success(loaded)
  }
}
