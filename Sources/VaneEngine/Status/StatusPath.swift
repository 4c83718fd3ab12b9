/// Where a node's status sits in the status tree, as the key of its status record: the ids of
/// the nodes from the top level down to it, each as `<utf-8 length>:<id>` (`2:n03:dn5` is node
/// `dn5` of the subgraph of top-level node `n0`). Length prefixes make any id safe, whatever
/// characters a spec puts in it, and no path is a prefix of another's record unless it is its
/// ancestor.
enum StatusPath {
  /// The path of node `id` under `parent` (`""` for the top level).
  static func child(_ id: String, of parent: String) -> String {
    parent + "\(id.utf8.count):" + id
  }

  /// The path of the node `ids` lead to (`""` for none).
  static func path(_ ids: some Sequence<String>) -> String {
    ids.reduce("") { child($1, of: $0) }
  }

  /// The ids along `path`, top level first; `nil` when it is not a well-formed path.
  static func ids(_ path: String) -> [String]? {
    var ids: [String] = []
    let bytes = Array(path.utf8)
    var index = 0
    while index < bytes.count {
      var length = 0
      var digits = 0
      while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39, digits < 10 {
        length = length * 10 + Int(bytes[index] - 0x30)
        index += 1
        digits += 1
      }
      guard digits > 0, index < bytes.count, bytes[index] == 0x3A, bytes.count - index - 1 >= length else {
        return nil
      }
      index += 1
      guard let id = String(validating: bytes[index..<index + length], as: UTF8.self) else { return nil }
      ids.append(id)
      index += length
    }
    return ids.isEmpty ? nil : ids
  }
}
