import FlyteIDL
import VaneModel

extension EntityKey {
  /// `project/domain/name@version` for messages, leaving out empty parts (packages built by
  /// `pyflyte package` leave project, domain and version empty).
  var readable: String {
    let path = [org, project, domain, name].filter { !$0.isEmpty }.joined(separator: "/")
    return version.isEmpty ? path : "\(path)@\(version)"
  }
}

extension Dictionary where Key == Flyteidl_Core_Identifier {
  /// Re-keys a catalog dictionary by `EntityKey` (the first of two ids differing only in
  /// resource type wins).
  func byEntityKey() -> [EntityKey: Value] {
    [EntityKey: Value](map { (EntityKey($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
  }
}
