import ArgumentParser
import FlyteIDL
import FlyteIDLGRPC
import GRPCCore

/// `vane create execution --launchplan NAME`: starts a launch plan on a server, like
/// `flytectl create execution`. Inputs are typed by the launch plan's interface (its defaults,
/// then `--inputs`, then `-i`; fixed inputs cannot be set), so a wrong value is refused here
/// with the input's name and type rather than failing on the server. Prints the new
/// execution's id, `project/domain/name`, on stdout and returns without waiting.
struct CreateExecution: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "execution",
    abstract: "Start a launch plan on a vane serve and print the execution's id.",
    discussion: """
      --inputs takes a YAML or JSON file (.yaml, .yml, .json) mapping input names to values, \
      optionally under an 'inputs:' key as in flytectl's execution files, or a binary \
      flyteidl.core.LiteralMap (any other name). -i NAME=VALUE (repeatable) wins over the file. \
      Values are written as for vane run (lists and dicts as JSON). Exit status: 0 created, 1 \
      server unreachable or failing, 2 bad usage, input or unknown launch plan, 78 a bad config.
      """
  )

  @Option(help: "The launch plan to start, e.g. hello.wf.main.")
  var launchplan: String

  @Option(help: "Its version (default: the newest).")
  var version: String?

  @Option(help: "A file of inputs: YAML/JSON name → value, or a binary LiteralMap.")
  var inputs: String?

  @Option(name: [.customShort("i"), .customLong("input")], help: "An input as NAME=VALUE (repeatable).")
  var assignments: [String] = []

  @Option(help: "Name of the execution (default: one the server picks).")
  var execName: String?

  @OptionGroup var endpoint: EndpointOption
  @OptionGroup var scope: ProjectDomainOptions

  func run() async throws {
    let client = try endpoint.client()
    let plan = try await RemoteLaunchPlans.find(launchplan, version: version, scope: scope, client: client)
    let literals = try ExecutionInputsFile.literals(
      plan: plan, file: inputs, assignments: assignments)
    let created = try await client.withAdmin { admin in
      var request = Flyteidl_Admin_ExecutionCreateRequest()
      request.project = scope.project
      request.domain = scope.domain
      request.name = execName ?? ""
      request.spec.launchPlan = plan.id
      request.spec.metadata.mode = .manual
      request.spec.metadata.principal = "vane"
      request.inputs = literals
      return try await admin.createExecution(request, options: client.options).id
    }
    print("\(created.project)/\(created.domain)/\(created.name)")
  }
}
