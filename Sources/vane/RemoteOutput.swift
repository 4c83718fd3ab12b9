import Foundation
import SwiftProtobuf
import Yams

/// Prints what a remote command got: an aligned table, or the protobuf JSON (field names as
/// in the .proto files) as JSON or YAML.
enum RemoteOutput {
  /// A message as a JSON object (`[String: Any]`).
  static func object(_ message: any SwiftProtobuf.Message) throws -> Any {
    var options = JSONEncodingOptions()
    options.preserveProtoFieldNames = true
    let text = try message.jsonString(options: options)
    return try JSONSerialization.jsonObject(with: Data(text.utf8))
  }

  /// Prints `value` (built from `object(_:)`, arrays and dictionaries) as JSON or YAML, or
  /// `table` for the table format.
  static func emit(_ format: OutputFormat, value: @autoclosure () throws -> Any, table: () -> TextTable) throws {
    switch format {
    case .table:
      FileHandle.standardOutput.write(Data(table().rendered.utf8))
    case .json:
      let data = try JSONSerialization.data(withJSONObject: try value(), options: [.prettyPrinted, .sortedKeys])
      FileHandle.standardOutput.write(data + Data("\n".utf8))
    case .yaml:
      let text = try Yams.dump(object: try value(), sortKeys: true)
      FileHandle.standardOutput.write(Data(text.utf8))
    }
  }

  /// `2024-05-01 12:00:03` in UTC, or `-`.
  static func time(_ timestamp: Google_Protobuf_Timestamp?) -> String {
    guard let timestamp, timestamp.seconds > 0 else { return "-" }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return formatter.string(from: timestamp.date)
  }

  /// `1.25s`, `3m04s`, or `-`.
  static func duration(_ duration: Google_Protobuf_Duration?) -> String {
    guard let duration, duration.seconds > 0 || duration.nanos > 0 else { return "-" }
    let seconds = duration.timeInterval
    if seconds < 60 { return String(format: "%.2fs", seconds) }
    let whole = Int(seconds)
    return whole < 3600
      ? String(format: "%dm%02ds", whole / 60, whole % 60) : String(format: "%dh%02dm", whole / 3600, whole % 3600 / 60)
  }

  /// Flyte's phase name in capitals (`SUCCEEDED`) from a generated enum's case name.
  static func phase<Phase: SwiftProtobuf.Enum>(_ phase: Phase) -> String {
    String(describing: phase).uppercased()
  }
}

/// Columns padded to their widest cell.
struct TextTable {
  let headers: [String]
  var rows: [[String]] = []

  init(_ headers: String...) {
    self.headers = headers
  }

  mutating func add(_ cells: String...) {
    rows.append(cells)
  }

  var rendered: String {
    let all = [headers] + rows
    var widths = Array(repeating: 0, count: headers.count)
    for row in all {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], cell.count)
      }
    }
    return all.map { row in
      row.enumerated().map { index, cell in
        index == row.count - 1 ? cell : cell.padding(toLength: widths[index] + 2, withPad: " ", startingAt: 0)
      }.joined()
    }.joined(separator: "\n") + "\n"
  }
}
