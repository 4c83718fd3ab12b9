import VaneAdmin

/// What every page's layout shows around its content: the project and domain switcher
/// (projects the viewer may read only), the section links, who is signed in, the form token.
struct PageFrame: Sendable {
  struct Choice: Sendable {
    var value: String
    var selected: Bool
  }

  struct Section: Sendable {
    var label: String
    var href: String
    var active: Bool
  }

  var title: String
  var project: String?
  var domain: String
  var projects: [Choice]
  var domains: [Choice]
  var sections: [Section]
  var subject: String?
  var signsIn: Bool
  var csrf: String
  var assetVersion: String

  /// Sections of a project and domain, in the order of the header.
  static let sectionNames = [
    ("Executions", "executions"), ("Launch plans", "launch_plans"), ("Workflows", "workflows"), ("Tasks", "tasks"),
  ]

  init(
    title: String, project: String?, domain: String, section: String, visibleProjects: [String], viewer: ConsoleViewer,
    csrf: String, signsIn: Bool
  ) {
    self.title = title
    self.project = project
    self.domain = domain
    projects = visibleProjects.map { Choice(value: $0, selected: $0 == project) }
    domains = ProjectDirectory.domains.map { Choice(value: $0.id, selected: $0.id == domain) }
    sections =
      project.map { project in
        Self.sectionNames.map { label, path in
          Section(label: label, href: ConsolePaths.domain(project, domain) + "/" + path, active: path == section)
        }
      } ?? []
    subject = viewer.signedIn ? viewer.subject : nil
    self.signsIn = signsIn
    self.csrf = csrf
    assetVersion = ConsoleAssets.version
  }
}
