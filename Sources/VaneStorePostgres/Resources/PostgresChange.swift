import VaneStore

/// What travels in a `NOTIFY` payload: a committed change, or a flush marker.
///
/// Text, because payloads are text: `<kind> <version> <n>:<project><n>:<domain><n>:<name>`
/// with `n` each part's UTF-8 length, so any key survives (PostgreSQL text holds no NUL, which
/// keys are checked for). Keys are bounded (`PostgresResourceStore.maxKeyPartBytes`), so a
/// payload stays under the server's 8,000-byte limit.
enum PostgresChange: Equatable {
  case change(ResourceEvent)
  /// Everything committed before the marker has been delivered.
  case flushed(token: String)

  var payload: String {
    switch self {
    case .change(let event):
      let kind =
        switch event.kind {
        case .created: "c"
        case .updated: "u"
        case .deleted: "d"
        }
      return "\(kind) \(event.version) \(event.key.notificationSuffix)"
    case .flushed(let token):
      return "f \(token)"
    }
  }

  /// The change `payload` encodes, or `nil` for a payload this code did not write.
  init?(payload: String) {
    let bytes = Array(payload.utf8)
    guard bytes.count >= 3, bytes[1] == UInt8(ascii: " ") else { return nil }
    let rest = bytes[2...]
    if bytes[0] == UInt8(ascii: "f") {
      self = .flushed(token: String(decoding: rest, as: UTF8.self))
      return
    }
    let kind: ResourceEvent.Kind
    switch bytes[0] {
    case UInt8(ascii: "c"): kind = .created
    case UInt8(ascii: "u"): kind = .updated
    case UInt8(ascii: "d"): kind = .deleted
    default: return nil
    }
    guard let space = rest.firstIndex(of: UInt8(ascii: " ")),
      let version = ResourceVersion(String(decoding: rest[..<space], as: UTF8.self))
    else { return nil }
    var index = space + 1
    var parts: [String] = []
    for _ in 0..<3 {
      guard let colon = bytes[index...].firstIndex(of: UInt8(ascii: ":")),
        let length = Int(String(decoding: bytes[index..<colon], as: UTF8.self)), length >= 0,
        colon + 1 + length <= bytes.count
      else { return nil }
      parts.append(String(decoding: bytes[(colon + 1)..<(colon + 1 + length)], as: UTF8.self))
      index = colon + 1 + length
    }
    guard index == bytes.count else { return nil }
    let key = ResourceKey(project: parts[0], domain: parts[1], name: parts[2])
    self = .change(ResourceEvent(kind, key: key, version: version))
  }
}
