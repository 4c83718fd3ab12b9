import FlyteIDL
import FlyteIDLGRPC
import GRPCCore
import VaneAdmin
import VaneAdminStore

extension AdminService {
  /// Matchable attributes: project, project-domain and workflow attributes and their listing.
  func registerAttributeMethods<Transport: ServerTransport>(
    with router: inout RPCRouter<Transport>, attributes: MatchableAttributeDirectory
  ) {
    typealias M = Flyteidl_Service_AdminService.Method
    router.unary(M.UpdateProjectAttributes.descriptor) {
      (request: M.UpdateProjectAttributes.Input) throws(AdminError) in
      try await attributes.update(request.attributes)
      return M.UpdateProjectAttributes.Output()
    }
    router.unary(M.GetProjectAttributes.descriptor) { (request: M.GetProjectAttributes.Input) throws(AdminError) in
      var response = M.GetProjectAttributes.Output()
      response.attributes = try await attributes.get(
        project: request.project, org: request.org, type: request.resourceType)
      return response
    }
    router.unary(M.DeleteProjectAttributes.descriptor) {
      (request: M.DeleteProjectAttributes.Input) throws(AdminError) in
      try await attributes.delete(
        MatchableScope(org: request.org, project: request.project), type: request.resourceType, level: .project)
      return M.DeleteProjectAttributes.Output()
    }
    router.unary(M.UpdateProjectDomainAttributes.descriptor) {
      (request: M.UpdateProjectDomainAttributes.Input) throws(AdminError) in
      try await attributes.update(request.attributes)
      return M.UpdateProjectDomainAttributes.Output()
    }
    router.unary(M.GetProjectDomainAttributes.descriptor) {
      (request: M.GetProjectDomainAttributes.Input) throws(AdminError) in
      var response = M.GetProjectDomainAttributes.Output()
      response.attributes = try await attributes.get(
        project: request.project, domain: request.domain, org: request.org, type: request.resourceType)
      return response
    }
    router.unary(M.DeleteProjectDomainAttributes.descriptor) {
      (request: M.DeleteProjectDomainAttributes.Input) throws(AdminError) in
      let scope = MatchableScope(org: request.org, project: request.project, domain: request.domain)
      try await attributes.delete(scope, type: request.resourceType, level: .domain)
      return M.DeleteProjectDomainAttributes.Output()
    }
    router.unary(M.UpdateWorkflowAttributes.descriptor) {
      (request: M.UpdateWorkflowAttributes.Input) throws(AdminError) in
      try await attributes.update(request.attributes)
      return M.UpdateWorkflowAttributes.Output()
    }
    router.unary(M.GetWorkflowAttributes.descriptor) { (request: M.GetWorkflowAttributes.Input) throws(AdminError) in
      var response = M.GetWorkflowAttributes.Output()
      response.attributes = try await attributes.get(
        project: request.project, domain: request.domain, workflow: request.workflow, org: request.org,
        type: request.resourceType)
      return response
    }
    router.unary(M.DeleteWorkflowAttributes.descriptor) {
      (request: M.DeleteWorkflowAttributes.Input) throws(AdminError) in
      let scope = MatchableScope(
        org: request.org, project: request.project, domain: request.domain, workflow: request.workflow)
      try await attributes.delete(scope, type: request.resourceType, level: .workflow)
      return M.DeleteWorkflowAttributes.Output()
    }
    router.unary(M.ListMatchableAttributes.descriptor) {
      (request: M.ListMatchableAttributes.Input) throws(AdminError) in
      try await attributes.list(request)
    }
  }
}
