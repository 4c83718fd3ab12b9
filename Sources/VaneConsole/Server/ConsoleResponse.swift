import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The console's responses, all with the same protections: a content security policy that
/// allows only the console's own scripts and styles (no inline script can run, whatever text
/// a task wrote into a page), no sniffing, no framing by other sites, no caching of pages.
enum ConsoleResponse {
  static let policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
    + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"

  static func headers(_ contentType: String, cache: Bool = false) -> HTTPFields {
    var headers = HTTPFields()
    headers[.contentType] = contentType
    headers[.cacheControl] = cache ? "public, max-age=86400, immutable" : "no-store"
    headers[.contentSecurityPolicy] = policy
    headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
    headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
    return headers
  }

  static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: headers("text/html; charset=utf-8"),
      body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: headers("text/plain; charset=utf-8"),
      body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  static func json(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: headers("application/json"), body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// `303 See Other` to `location` (after a form post, so reloading does not post again).
  static func redirect(_ location: String) -> Response {
    var headers = headers("text/plain; charset=utf-8")
    headers[.location] = location
    return Response(status: .seeOther, headers: headers)
  }

  /// A file to download: served as an attachment, never rendered by the browser as a page.
  static func download(_ data: Data, name: String) -> Response {
    var headers = headers("application/octet-stream")
    let safe = name.filter { $0.isLetter || $0.isNumber || "._-".contains($0) }
    headers[.contentDisposition] = "attachment; filename=\"\(safe.isEmpty ? "download" : safe)\""
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// A deck: the task's own HTML, shown in a sandboxed frame with no access to the console
  /// (no same-origin rights, so its scripts cannot read pages or post actions).
  static func deck(_ data: Data) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "text/html; charset=utf-8"
    headers[.cacheControl] = "no-store"
    headers[.contentSecurityPolicy] = "sandbox allow-scripts; frame-ancestors 'self'"
    headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// A stream of Server-Sent Events written by `write`; the response ends when `write` returns.
  /// (A body writer must be finished: without it the response never ends, the browser's
  /// connection stays open, and a graceful shutdown of the server waits for it forever.)
  static func events(_ write: @escaping @Sendable (inout EventStream) async throws -> Void) -> Response {
    var headers = headers("text/event-stream")
    headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
    return Response(
      status: .ok, headers: headers,
      body: ResponseBody { writer in
        var stream = EventStream(writer: writer)
        try await write(&stream)
        try await stream.writer.finish(nil)
      })
  }
}
