import ArgumentParser

/// `vane recover EXECUTION`: runs an ended execution again, reusing what succeeded.
struct Recover: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run an ended (e.g. failed) execution again, reusing the outputs of the nodes that succeeded.",
    discussion: """
      Starts a new execution with the same workflow, inputs and settings in recovery mode: a node \
      that succeeded in EXECUTION is not run again — its outputs are copied and it shows as \
      Recovered — the rest runs. Inside a subworkflow, branch or dynamic node that failed, only \
      the children that did not succeed run again. Progress on stderr (the first line names the \
      new execution), outputs on stdout. \
      Exit status: 0 succeeded, 1 the execution failed, 2 bad usage or input.
      """
  )

  @Argument(help: "The execution to recover: its name (or project/domain/name).")
  var execution: String

  @Option(help: "The data directory the execution was started in.")
  var dataDir: String?

  @Option(help: "Write the outputs as a binary flyteidl.core.LiteralMap here.")
  var outputsFile: String?

  @Option(
    name: .customLong("image"), help: "IMAGE=DIR: run tasks of this image (or *) with the Python environment DIR.")
  var images: [String] = []

  @Option(help: "Name of the new execution (default: a random one).")
  var name: String?

  @Option(help: "Ask this vane serve (host:port) instead of running locally; prints the new execution.")
  var endpoint: String?

  func run() async throws {
    if let endpoint {
      let remote = try RemoteOptions.parse(["--endpoint", endpoint])
      try await RemoteCopy(mode: .recover, execution: execution, name: name, remote: remote).run()
      return
    }
    try await ExecutionCopy(
      mode: .recover, execution: execution, dataDir: dataDir, images: images, name: name, outputsFile: outputsFile
    ).run()
  }
}
