import Foundation

/// What FlyteAdmin's gateway prints for fields a message leaves unset (`EmitUnpopulated`):
/// `0`, `""`, `false`, an enum's first name, `[]`, `{}` or `null` — everything but unset
/// oneof members. SwiftProtobuf leaves such fields out, so an answer is filled in afterwards
/// from this table of every message an answer can hold (generated from flyteidl's
/// descriptors, `Generated/GatewaySchema.swift`).
struct GatewaySchema: Sendable {
  struct Field: @unchecked Sendable {
    let name: String
    /// What the field prints as when unset; nil for a oneof member (nothing is printed).
    let unset: Any?
    /// The message type inside (the field's, a list's items', a map's values'), to fill too.
    let message: String?
  }

  let messages: [String: [Field]]

  /// Flyte's messages, parsed once.
  static let flyte = GatewaySchema(json: flyteJSON)

  init(json: String) {
    var messages: [String: [Field]] = [:]
    if let top = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
      as? [String: [[Any]]]
    {
      for (name, fields) in top {
        messages[name] = fields.compactMap { entry in
          guard entry.count == 3, let field = entry[0] as? String else { return nil }
          let unset: Any? = (entry[1] as? String) == "oneof" ? nil : entry[1]
          return Field(name: field, unset: unset, message: entry[2] as? String)
        }
      }
    }
    self.messages = messages
  }

  /// The JSON of a `type` message with its unset fields printed, recursively.
  func filled(_ json: Data, type: String) -> Data {
    guard var object = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else { return json }
    fill(&object, type: type, depth: 0)
    return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? json
  }

  /// Messages nest deeper than this only in literals of literals; past it they stay as encoded.
  static let maximumDepth = 64

  private func fill(_ object: inout [String: Any], type: String, depth: Int) {
    guard depth < Self.maximumDepth, let fields = messages[type] else { return }
    for field in fields {
      guard let present = object[field.name] else {
        if let unset = field.unset { object[field.name] = unset }
        continue
      }
      guard let inner = field.message else { continue }
      // The unset form tells the field's shape: `{}` a map, `[]` a list, else one message.
      if field.unset is [String: Any], var map = present as? [String: Any] {
        for (key, value) in map { map[key] = message(value, type: inner, depth: depth) }
        object[field.name] = map
      } else if field.unset is [Any], let list = present as? [Any] {
        object[field.name] = list.map { message($0, type: inner, depth: depth) }
      } else {
        object[field.name] = message(present, type: inner, depth: depth)
      }
    }
  }

  private func message(_ value: Any, type: String, depth: Int) -> Any {
    guard var object = value as? [String: Any] else { return value }
    fill(&object, type: type, depth: depth + 1)
    return object
  }
}
