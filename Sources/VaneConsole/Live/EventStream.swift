import Hummingbird
import NIOCore

/// Writes Server-Sent Events: `event:` and `data:` lines (multi-line data split), comments for
/// keep-alives. A write fails once the browser went away, which ends the stream's loop.
struct EventStream {
  var writer: any ResponseBodyWriter

  mutating func send(_ event: String, _ data: String) async throws {
    var text = "event: \(event)\n"
    for line in data.split(separator: "\n", omittingEmptySubsequences: false) { text += "data: \(line)\n" }
    try await writer.write(ByteBuffer(string: text + "\n"))
  }

  mutating func comment(_ text: String) async throws {
    try await writer.write(ByteBuffer(string: ": \(text)\n\n"))
  }

  /// Sends `retry` (how long the browser waits before reconnecting).
  mutating func retry(milliseconds: Int) async throws {
    try await writer.write(ByteBuffer(string: "retry: \(milliseconds)\n\n"))
  }
}
