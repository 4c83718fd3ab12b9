import FlyteIDL

/// An execution named on the command line: `name` (in the `-p`/`-d` project and domain) or
/// `project/domain/name`.
enum RemoteExecutionID {
  static func parse(_ text: String, options: RemoteOptions) throws -> Flyteidl_Core_WorkflowExecutionIdentifier {
    try parse(text, project: options.project, domain: options.domain)
  }

  /// `text` as an execution id, in `project`/`domain` when it is a bare name.
  static func parse(_ text: String, project: String, domain: String) throws -> Flyteidl_Core_WorkflowExecutionIdentifier
  {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    var id = Flyteidl_Core_WorkflowExecutionIdentifier()
    switch parts.count {
    case 1:
      (id.project, id.domain, id.name) = (project, domain, parts[0])
    case 3:
      (id.project, id.domain, id.name) = (parts[0], parts[1], parts[2])
    default:
      throw CLIFailure.badInput("'\(text)' is not an execution; write NAME or PROJECT/DOMAIN/NAME")
    }
    guard !id.project.isEmpty, !id.domain.isEmpty, !id.name.isEmpty else {
      throw CLIFailure.badInput("'\(text)' is not an execution; write NAME or PROJECT/DOMAIN/NAME")
    }
    return id
  }
}
