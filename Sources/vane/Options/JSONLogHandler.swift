import Foundation
import Logging

/// One JSON object per line on stderr — `time` (UTC, ISO 8601 with milliseconds), `level`,
/// `label`, `message`, `source` and the metadata under `metadata` — for log collectors
/// (`vane serve --log-format json`).
struct JSONLogHandler: LogHandler {
  let label: String
  var logLevel: Logger.Level = .notice
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    var merged = metadata
    if let extra = event.metadata { merged.merge(extra) { _, new in new } }
    var object: [String: Any] = [
      "time": Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true)),
      "level": event.level.rawValue, "label": label, "message": event.message.description, "source": event.source,
    ]
    if let error = event.error { object["error"] = String(describing: error) }
    if !merged.isEmpty { object["metadata"] = merged.mapValues(Self.json) }
    guard
      let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return }
    FileHandle.standardError.write(data + Data("\n".utf8))
  }

  private static func json(_ value: Logger.Metadata.Value) -> Any {
    switch value {
    case .string(let text): text
    case .stringConvertible(let convertible): convertible.description
    case .array(let values): values.map(json)
    case .dictionary(let values): values.mapValues(json)
    }
  }
}
