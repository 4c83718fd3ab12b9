import FlyteIDL
import FlyteIDLGRPC
import GRPCCore

/// Finds a launch plan on a server by name: the given version, or the newest one registered
/// (as flytectl does when `--version` is left out). Exit 2 when there is none.
enum RemoteLaunchPlans {
  static func find(
    _ name: String, version: String?, scope: ProjectDomainOptions, client: RemoteClient
  ) async throws -> Flyteidl_Admin_LaunchPlan {
    guard !name.isEmpty else { throw CLIFailure.badInput("name a launch plan") }
    return try await client.withAdmin { admin in
      if let version {
        var request = Flyteidl_Admin_ObjectGetRequest()
        request.id.resourceType = .launchPlan
        request.id.project = scope.project
        request.id.domain = scope.domain
        request.id.name = name
        request.id.version = version
        return try await admin.getLaunchPlan(request, options: client.options)
      }
      var request = Flyteidl_Admin_ResourceListRequest()
      request.id.project = scope.project
      request.id.domain = scope.domain
      request.id.name = name
      request.limit = 1
      request.sortBy.key = "created_at"
      request.sortBy.direction = .descending
      guard let newest = try await admin.listLaunchPlans(request, options: client.options).launchPlans.first else {
        throw CLIFailure.badInput("no launch plan '\(name)' in \(scope.project)/\(scope.domain)")
      }
      return newest
    }
  }
}
