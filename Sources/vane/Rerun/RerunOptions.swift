import ArgumentParser
import VaneAdmin

/// What `vane relaunch` and `vane recover` take: the earlier execution and where it runs —
/// locally on its data directory (run to its end), or on a `vane serve` named by `--endpoint`,
/// `$VANE_ENDPOINT` or a config (which starts it and prints its name).
struct RerunOptions: ParsableArguments {
  @Argument(help: "The earlier execution: its name (or project/domain/name).")
  var execution: String

  @Option(help: "Name of the new execution (default: a random one).")
  var name: String?

  @OptionGroup var runtime: RuntimeOptions
  @OptionGroup var outputs: OutputsFileOption
  @OptionGroup var endpoint: EndpointOption
  @OptionGroup var scope: ProjectDomainOptions

  /// Starts the rerun: on the server when one is named (`--endpoint`, `$VANE_ENDPOINT`,
  /// `-c/--config`, `$FLYTECTL_CONFIG`), else locally.
  func run(_ mode: RerunMode) async throws {
    if endpoint.namesServer {
      let client = try endpoint.client()
      let id = try RemoteExecutionID.parse(execution, project: scope.project, domain: scope.domain)
      try await RemoteRerun(mode: mode, execution: id, name: name, client: client).run()
      return
    }
    try await LocalRerun(
      mode: mode, execution: execution, runtime: runtime, name: name, outputsFile: outputs.outputsFile
    ).run()
  }
}
