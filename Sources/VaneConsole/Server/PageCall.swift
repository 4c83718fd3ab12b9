import FlyteIDL
import Foundation
import HTTPTypes
import Hummingbird
import VaneAdmin

/// One console request on its way through a page or action: who asks, the decoded query,
/// form and path parameters, and the helpers every page uses (its frame, rendering).
struct PageCall: Sendable {
  let console: Console
  var request: ConsoleRequest
  let parameters: [String: String]
  let viewer: ConsoleViewer
  let csrf: String
  /// True for requests a script makes for part of a page (fragments, live streams).
  let isFragment: Bool

  /// A path parameter; `badRequest` when the route has none of that name.
  func parameter(_ name: String) throws(ConsoleError) -> String {
    guard let value = parameters[name], !value.isEmpty else {
      throw ConsoleError(.badRequest, "the URL has no \(name)")
    }
    return value
  }

  /// The page frame for this viewer, listing only projects they may read.
  func frame(title: String, section: String) async -> PageFrame {
    var projects: [String] = []
    var request = Flyteidl_Admin_ProjectListRequest()
    request.limit = 500
    if let listed = try? await console.admin.projects.list(request) {
      projects = listed.projects.map(\.id).filter { viewer.role(in: $0) != nil }
    }
    let project = self.request.project.isEmpty ? nil : self.request.project
    if let project, !projects.contains(project) { projects.append(project) }
    return PageFrame(
      title: title, project: project, domain: self.request.domain.isEmpty ? "development" : self.request.domain,
      section: section, visibleProjects: projects, viewer: viewer, csrf: csrf, signsIn: console.access.signsIn)
  }

  /// A full page: `template` (which extends the layout) with `model`.
  func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) throws(ConsoleError) -> Response {
    ConsoleResponse.html(try console.renderer.render(template, model), status: status)
  }

  /// Throws `forbidden` unless the viewer may change things in this request's project.
  func requireWrite(_ action: String) throws(ConsoleError) {
    try viewer.require(.write, in: request.project, to: action)
  }
}
