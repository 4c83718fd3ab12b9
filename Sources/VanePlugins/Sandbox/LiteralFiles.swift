import FlyteIDL

/// The data a task's inputs point at: blob, structured dataset and schema URIs and offloaded
/// literals anywhere in a literal map. A sandboxed attempt may read these (and only these) of
/// the data directory's raw data, which belongs to other attempts (an upstream task's file).
enum LiteralFiles {
  /// Nesting deeper than this is not followed (the engine bounds literals far below it).
  static let deepest = 64
  /// At most this many URIs are collected; a task with more inputs reads the rest through a
  /// shared prefix only if one is configured readable.
  static let most = 4096

  /// Every URI referenced in `map`, in order of appearance, each once.
  static func uris(in map: Flyteidl_Core_LiteralMap) -> [String] {
    var found: [String] = []
    var seen: Set<String> = []
    for key in map.literals.keys.sorted() {
      collect(map.literals[key]!, depth: 0, into: &found, seen: &seen)
    }
    return found
  }

  private static func collect(
    _ literal: Flyteidl_Core_Literal, depth: Int, into found: inout [String], seen: inout Set<String>
  ) {
    guard depth < deepest, found.count < most else { return }
    func add(_ uri: String) {
      if !uri.isEmpty, found.count < most, seen.insert(uri).inserted { found.append(uri) }
    }
    switch literal.value {
    case .scalar(let scalar):
      switch scalar.value {
      case .blob(let blob): add(blob.uri)
      case .structuredDataset(let dataset): add(dataset.uri)
      case .schema(let schema): add(schema.uri)
      case .union(let union): collect(union.value, depth: depth + 1, into: &found, seen: &seen)
      default: break
      }
    case .collection(let collection):
      for item in collection.literals { collect(item, depth: depth + 1, into: &found, seen: &seen) }
    case .map(let map):
      for key in map.literals.keys.sorted() {
        collect(map.literals[key]!, depth: depth + 1, into: &found, seen: &seen)
      }
    case .offloadedMetadata(let offloaded): add(offloaded.uri)
    case nil: break
    }
  }
}
