import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import VaneAdmin
import VaneModel

extension Console {
  /// Largest form body accepted.
  static let maximumFormBytes = 1 << 20

  /// Runs a page or action for `request`: finds the viewer (or sends them to sign in), reads
  /// parameters and the form, checks the read role in the project and the form token on
  /// posts, and turns failures into an error page with the right status.
  func respond(
    _ request: Request, _ context: BasicRequestContext,
    _ body: @Sendable (PageCall, ConsoleViewer) async throws -> Response
  ) async -> Response {
    var parameters: [String: String] = [:]
    for (name, value) in context.parameters { parameters[String(name)] = FormBody.decode(value) }
    let query = FormBody.parse(request.uri.query ?? "")
    let path = request.uri.path
    let isFragment =
      query["fragment"] == "1" || path.hasSuffix("/live") || path.hasSuffix("/logs")
      || path.hasSuffix("/fragment")
    guard let viewer = await access.viewer(for: request) else {
      if request.method == .get && !isFragment {
        return ConsoleResponse.redirect(ConsolePaths.with("/console/login", ["next": request.uri.description]))
      }
      let message = "sign in first: your console session is missing or expired"
      record(request, viewer: nil, project: parameters["project"], outcome: .unauthenticated, detail: message)
      return ConsoleResponse.text(message + "\n", status: .unauthorized)
    }
    let csrf = access.formToken(for: request, viewer: viewer)
    var form: [String: String] = [:]
    if request.method == .post {
      var request = request
      guard let buffer = try? await request.collectBody(upTo: Self.maximumFormBytes) else {
        return ConsoleResponse.text(
          "the form is larger than \(Self.maximumFormBytes) bytes\n", status: .contentTooLarge)
      }
      form = FormBody.parse(String(buffer: buffer))
      guard let token = form["_csrf"], token == csrf else {
        record(
          request, viewer: viewer, project: parameters["project"], outcome: .denied,
          detail: "the form's token does not match the session")
        return ConsoleResponse.text(
          "the form's token does not match this session; reload the page and try again\n", status: .forbidden)
      }
    }
    let call = PageCall(
      console: self,
      request: ConsoleRequest(
        path: path, query: query, form: form, project: parameters["project"] ?? "", domain: parameters["domain"] ?? ""),
      parameters: parameters, viewer: viewer, csrf: csrf, isFragment: isFragment)
    do {
      if !call.request.project.isEmpty {
        try viewer.require(.read, in: call.request.project, to: "see it")
        guard ConsoleRequest.isName(call.request.project), ConsoleRequest.isName(call.request.domain) else {
          throw ConsoleError(.badRequest, "not a project and domain", at: path)
        }
      }
      let started = ContinuousClock.now
      var response = try await body(call, viewer)
      // How long the page took to build (reading the execution, layout, rendering): what the
      // console benchmark reports, and what browsers' developer tools show.
      let milliseconds = (ContinuousClock.now - started) / .milliseconds(1)
      response.headers[HTTPField.Name("Server-Timing")!] = String(format: "render;dur=%.2f", milliseconds)
      if request.method == .post {
        let failed = response.status.code >= 400
        record(request, viewer: viewer, project: parameters["project"], outcome: failed ? .failed : .ok, detail: "")
      }
      return response
    } catch let error as ConsoleError {
      if error.code == .forbidden || request.method == .post {
        record(
          request, viewer: viewer, project: parameters["project"],
          outcome: error.code == .forbidden ? .denied : .failed, detail: error.message)
      }
      return await failure(error, call: call)
    } catch {
      logger.error("console request failed", metadata: ["path": "\(path)", "error": "\(error)"])
      if request.method == .post {
        record(request, viewer: viewer, project: parameters["project"], outcome: .failed, detail: "\(error)")
      }
      return await failure(ConsoleError(.internalError, "\(error)", at: path), call: call)
    }
  }

  /// The error as a page (or plain text for a script's request).
  func failure(_ error: ConsoleError, call: PageCall) async -> Response {
    let status = HTTPResponse.Status(code: error.status)
    if error.code == .internalError {
      logger.error("console error", metadata: ["path": "\(call.request.path)", "error": "\(error)"])
    }
    guard !call.isFragment else { return ConsoleResponse.text(error.description + "\n", status: status) }
    struct Model {
      var frame: PageFrame
      var status: Int
      var message: String
      var location: String?
    }
    let frame = await call.frame(title: "Error \(error.status)", section: "")
    let model = Model(frame: frame, status: error.status, message: error.message, location: error.location)
    if let page = try? renderer.render("error", model) { return ConsoleResponse.html(page, status: status) }
    return ConsoleResponse.text(error.description + "\n", status: status)
  }

  /// An embedded stylesheet or script, cached by browsers (its URL carries the assets' version).
  func asset(_ name: String) -> Response {
    guard let file = ConsoleAssets.files[name] else {
      return ConsoleResponse.text("no such asset\n", status: .notFound)
    }
    return Response(
      status: .ok, headers: ConsoleResponse.headers(file.contentType, cache: true),
      body: ResponseBody(byteBuffer: ByteBuffer(string: file.text)))
  }
}

extension ConsoleRequest {
  /// Whether `text` can be a project, domain or execution name (what Flyte allows and a bit
  /// more: letters, digits, `-`, `_`, `.`), so that nothing else reaches the stores.
  static func isName(_ text: String) -> Bool {
    !text.isEmpty && text.count <= 255
      && text.unicodeScalars.allSatisfy {
        $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0))
      }
  }
}
