import FlyteIDL
import VaneAdmin

/// A flyteidl message that names a project in a field of its own (`project`, or `id` for the
/// project messages). Every such type of the IDL subset conforms (a test reads the generated
/// sources to keep this complete), so `ProjectReferences` finds the projects of any request —
/// including requests of methods added later — without a per-method table.
protocol ProjectCarrying {
  var carriedProject: String { get }
}

extension Flyteidl_Core_Identifier: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Core_WorkflowExecutionIdentifier: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Core_ArtifactKey: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_NamedEntityIdentifier: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_NamedEntityIdentifierListRequest: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_NamedEntityListRequest: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_ExecutionCreateRequest: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_ActiveLaunchPlanListRequest: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_MatchableAttributesConfiguration: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_Project: ProjectCarrying { var carriedProject: String { id } }
extension Flyteidl_Admin_ProjectGetRequest: ProjectCarrying { var carriedProject: String { id } }
extension Flyteidl_Admin_ProjectAttributes: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_ProjectAttributesGetRequest: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_ProjectAttributesDeleteRequest: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_ProjectDomainAttributes: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_ProjectDomainAttributesGetRequest: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_ProjectDomainAttributesDeleteRequest: ProjectCarrying {
  var carriedProject: String { project }
}
extension Flyteidl_Admin_WorkflowAttributes: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_WorkflowAttributesGetRequest: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Admin_WorkflowAttributesDeleteRequest: ProjectCarrying { var carriedProject: String { project } }
extension Flyteidl_Service_CreateUploadLocationRequest: ProjectCarrying { var carriedProject: String { project } }

/// A data URL names its project in its text (`flyte://v1/PROJECT/…`).
extension Flyteidl_Service_GetDataRequest: ProjectCarrying {
  var carriedProject: String { FlyteURL(parsing: flyteURL)?.project ?? "" }
}
