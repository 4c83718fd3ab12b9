package import Foundation

/// A resource's labels as every store keeps them: a JSON object with sorted keys, and no
/// labels as empty bytes — the same bytes in SQLite and PostgreSQL.
package enum ResourceLabels {
  package static func encode(_ labels: [String: String], operation: String) throws(StoreError) -> Data {
    if labels.isEmpty { return Data() }
    do {
      return try JSONSerialization.data(withJSONObject: labels, options: [.sortedKeys])
    } catch {
      throw StoreError(.invalidArgument, "labels cannot be encoded: \(error)", operation: operation)
    }
  }

  package static func decode(_ bytes: Data, operation: String) throws(StoreError) -> [String: String] {
    if bytes.isEmpty { return [:] }
    guard let object = try? JSONSerialization.jsonObject(with: bytes), let labels = object as? [String: String]
    else {
      throw StoreError(.corrupt, "stored labels are not a JSON object of strings", operation: operation)
    }
    return labels
  }
}
