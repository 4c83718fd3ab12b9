import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension Console {
  /// The sign-in page (only when authentication is on).
  func loginPage(_ request: Request, _ context: BasicRequestContext) async -> Response {
    guard let sessions = access as? SessionAccess else { return ConsoleResponse.redirect("/console") }
    let query = FormBody.parse(request.uri.query ?? "")
    return sessions.loginPage(renderer: renderer, next: query["next"] ?? "/console", message: nil)
  }

  /// Signs in with an access token pasted into the form.
  func login(_ request: Request, _ context: BasicRequestContext) async -> Response {
    guard let sessions = access as? SessionAccess else { return ConsoleResponse.redirect("/console") }
    var request = request
    guard let buffer = try? await request.collectBody(upTo: Self.maximumFormBytes) else {
      return ConsoleResponse.text("the form is too large\n", status: .contentTooLarge)
    }
    return await sessions.login(form: FormBody.parse(String(buffer: buffer)), request: request, renderer: renderer)
  }

  /// Ends the session.
  func logout(_ request: Request, _ context: BasicRequestContext) async -> Response {
    guard let sessions = access as? SessionAccess else { return ConsoleResponse.redirect("/console") }
    return sessions.logout(request)
  }
}
