import FlyteIDL
import Hummingbird
import VaneAdmin

extension PageCall {
  /// `/console`: the executions of the first project the viewer may read.
  func home(_ viewer: ConsoleViewer) async throws -> Response {
    let frame = await frame(title: "Vane", section: "")
    let projects = frame.projects.map(\.value)
    let project = projects.contains(ProjectDirectory.defaultProject) ? ProjectDirectory.defaultProject : projects.first
    guard let project else { return ConsoleResponse.redirect("/console/projects") }
    return ConsoleResponse.redirect(ConsolePaths.executions(project, "development"))
  }

  /// The projects the viewer may read, with their domains.
  func projectsPage(_ viewer: ConsoleViewer) async throws -> Response {
    struct Row {
      var name: String
      var description: String
      var domains: [PageFrame.Section]
    }
    struct Model {
      var frame: PageFrame
      var projects: [Row]
    }
    var request = Flyteidl_Admin_ProjectListRequest()
    request.limit = 500
    let listed: Flyteidl_Admin_Projects
    do {
      listed = try await console.admin.projects.list(request)
    } catch {
      throw ConsoleError(error)
    }
    let rows = listed.projects.filter { viewer.role(in: $0.id) != nil }.map { project in
      Row(
        name: project.id, description: project.description_p,
        domains: ProjectDirectory.domains.map {
          PageFrame.Section(label: $0.name, href: ConsolePaths.executions(project.id, $0.id), active: false)
        })
    }
    return try page("projects", Model(frame: await frame(title: "Projects", section: ""), projects: rows))
  }

  /// The project and domain switcher's target: the same section in the chosen scope.
  func switchScope(_ viewer: ConsoleViewer) async throws -> Response {
    let project = request.query["project"] ?? ""
    let domain = request.query["domain"] ?? "development"
    let section = request.query["section"] ?? "executions"
    guard ConsoleRequest.isName(project), ConsoleRequest.isName(domain),
      PageFrame.sectionNames.contains(where: { $0.1 == section })
    else { throw ConsoleError(.badRequest, "choose a project, a domain and a section") }
    try viewer.require(.read, in: project, to: "see it")
    return ConsoleResponse.redirect(ConsolePaths.domain(project, domain) + "/" + section)
  }
}
