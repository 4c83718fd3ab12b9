import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneModel

/// The data-cache key of one task invocation, built as Flyte's catalog builds it:
///
///     <project>/<domain>/<task name>/<cache version>-<interface hash>/<inputs hash>
///
/// - the task's project, domain and name (not its version: a new registration of the same
///   task with the same cache version reuses the entries);
/// - the cache version (`cache_version` in flytekit, `discovery_version` in the template);
/// - a hash of the typed interface (input and output variable maps), so a changed signature
///   never reuses old entries even when the cache version stayed the same;
/// - a hash of the input literals minus `cache_ignore_input_vars`, where a literal that
///   carries a `hash` (flytekit sets one for `HashMethod`-annotated values; offloaded
///   literals get one) is replaced by that hash alone, recursively through collections
///   and maps.
///
/// Hashes are SHA-256 over the deterministic protobuf encoding (map entries sorted by key).
struct CacheKey: Hashable, Sendable, CustomStringConvertible {
  let value: String

  var description: String { value }

  /// A key as the catalog stores it.
  init(value: String) {
    self.value = value
  }

  /// The key for `task` called with `inputs`; nil when the task has no cache version.
  init?(task: Flyteidl_Core_TaskTemplate, inputs: Flyteidl_Core_LiteralMap) throws {
    let version = task.metadata.discoveryVersion.trimmingCharacters(in: .whitespaces)
    guard !version.isEmpty else { return nil }
    let signature = try Self.interfaceHash(task.interface)
    let inputsHash = try Self.inputsHash(inputs, ignoring: Set(task.metadata.cacheIgnoreInputVars))
    let id = task.id
    value = "\(id.project)/\(id.domain)/\(id.name)/\(version)-\(signature)/\(inputsHash)"
  }

  /// Hash of the interface: 16 hex digits of the inputs' and of the outputs' variable maps.
  static func interfaceHash(_ interface: Flyteidl_Core_TypedInterface) throws -> String {
    let inputs = SHA256.hex(try interface.inputs.deterministicBinary())
    let outputs = SHA256.hex(try interface.outputs.deterministicBinary())
    return String(inputs.prefix(8)) + String(outputs.prefix(8))
  }

  /// Hash of the inputs that count for the cache.
  static func inputsHash(_ inputs: Flyteidl_Core_LiteralMap, ignoring ignored: Set<String>) throws -> String {
    var counted = Flyteidl_Core_LiteralMap()
    for (name, literal) in inputs.literals where !ignored.contains(name) {
      counted.literals[name] = hashified(literal)
    }
    return SHA256.hex(try counted.deterministicBinary())
  }

  /// The literal as it enters the hash: only its `hash` when it has one, else itself with
  /// its collection items or map values hashified.
  static func hashified(_ literal: Flyteidl_Core_Literal) -> Flyteidl_Core_Literal {
    if !literal.hash.isEmpty {
      var stand = Flyteidl_Core_Literal()
      stand.hash = literal.hash
      return stand
    }
    switch literal.value {
    case .collection(let collection)?:
      var copy = Flyteidl_Core_Literal()
      copy.collection.literals = collection.literals.map(hashified)
      return copy
    case .map(let map)?:
      var copy = Flyteidl_Core_Literal()
      copy.map.literals = map.literals.mapValues(hashified)
      return copy
    default:
      return literal
    }
  }
}
