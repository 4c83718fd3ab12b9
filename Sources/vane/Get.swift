import ArgumentParser
import FlyteIDL
import FlyteIDLGRPC
import GRPCCore

/// `vane get KIND`: lists projects, tasks, workflows, launch plans or executions of a server.
struct Get: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List projects, tasks, workflows, launch plans or executions on a vane serve, or its replicas.",
    discussion: """
      Newest first. --filter takes Flyte's filter syntax, e.g. 'eq(name,hello.wf.main)' or \
      'gte(created_at,2024-05-01T00:00:00Z)', joined by '+'. Exit status: 0, 1 server \
      unreachable or failing, 2 bad usage or request, 78 a bad config (file and key named).
      """
  )

  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case projects, tasks, workflows, launchplans, executions, replicas

    /// The plural or, as flytectl accepts, the singular (`execution`, `launchplan`, …).
    init?(argument: String) {
      guard let kind = Self(rawValue: argument) ?? Self(rawValue: argument + "s") else { return nil }
      self = kind
    }
  }

  @Argument(
    help: "projects, tasks, workflows, launchplans, executions (or the singular, e.g. execution) or replicas.")
  var kind: Kind

  @Argument(help: "Only this name (all its versions; executions: only this execution).")
  var name: String?

  @OptionGroup var remote: RemoteOptions

  @Option(help: "Flyte filters, e.g. eq(name,x)+gte(created_at,2024-05-01T00:00:00Z).")
  var filter: String = ""

  @Option(help: "At most this many rows.")
  var limit: UInt32 = 100

  @Option(help: "replicas: the `vane serve` configuration of the group (its PostgreSQL and replica.schema).")
  var serveConfig: String?

  func run() async throws {
    if kind == .replicas {
      guard let serveConfig else {
        throw CLIFailure.badInput(
          "vane get replicas needs --serve-config FILE: the replicas' configuration (their PostgreSQL)")
      }
      return try await ReplicaListing.run(serveConfig: serveConfig, format: remote.output)
    }
    guard limit > 0 else { throw CLIFailure.badInput("--limit must be at least 1") }
    let client = try remote.client()
    var request = Flyteidl_Admin_ResourceListRequest()
    request.id.project = remote.project
    request.id.domain = remote.domain
    request.id.name = kind == .executions ? "" : name ?? ""
    request.filters = filter
    if kind == .executions, let name {
      request.filters = ((filter.isEmpty ? [] : [filter]) + ["eq(name,\(name))"]).joined(separator: "+")
    }
    request.limit = limit
    request.sortBy.key = "created_at"
    request.sortBy.direction = .descending
    let format = remote.output
    try await client.withAdmin { admin in
      switch kind {
      case .projects:
        var list = Flyteidl_Admin_ProjectListRequest()
        list.limit = limit
        list.filters = filter
        try GetListings.projects(try await admin.listProjects(list, options: client.options), format)
      case .tasks:
        try GetListings.tasks(try await admin.listTasks(request, options: client.options), format)
      case .workflows:
        try GetListings.workflows(try await admin.listWorkflows(request, options: client.options), format)
      case .launchplans:
        try GetListings.launchPlans(try await admin.listLaunchPlans(request, options: client.options), format)
      case .executions:
        try GetListings.executions(try await admin.listExecutions(request, options: client.options), format)
      case .replicas:
        break
      }
    }
  }
}
