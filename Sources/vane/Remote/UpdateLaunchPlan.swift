import ArgumentParser
import FlyteIDL
import FlyteIDLGRPC
import GRPCCore

/// `vane update launchplan NAME [--version V] --activate|--archive`: makes a launch plan version
/// the active one of its name (its schedule runs; other versions are deactivated, as FlyteAdmin
/// does) or archives it (inactive).
struct UpdateLaunchPlan: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "launchplan",
    abstract: "Activate or archive (deactivate) a launch plan version.",
    discussion: """
      Without --version, the newest version of NAME. Exit status: 0 updated, 1 server \
      unreachable or failing, 2 bad usage or unknown launch plan, 78 a bad config.
      """
  )

  enum State: String, EnumerableFlag {
    case activate, archive
  }

  @Argument(help: "The launch plan's name, e.g. hello.wf.main.")
  var name: String

  @Option(help: "The version (default: the newest).")
  var version: String?

  @Flag(help: "--activate: make it the active version; --archive: deactivate it.")
  var state: State

  @OptionGroup var endpoint: EndpointOption
  @OptionGroup var scope: ProjectDomainOptions

  func run() async throws {
    let client = try endpoint.client()
    let plan = try await RemoteLaunchPlans.find(name, version: version, scope: scope, client: client)
    try await client.withAdmin { admin in
      var request = Flyteidl_Admin_LaunchPlanUpdateRequest()
      request.id = plan.id
      request.state = state == .activate ? .active : .inactive
      _ = try await admin.updateLaunchPlan(request, options: client.options)
    }
    print("launch plan \(plan.id.name) version \(plan.id.version): \(state == .activate ? "ACTIVE" : "INACTIVE")")
  }
}
