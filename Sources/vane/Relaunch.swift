import ArgumentParser

/// `vane relaunch EXECUTION`: runs an execution again from the start under a new name.
struct Relaunch: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run an execution again from the start: same workflow, inputs and settings, new name.",
    discussion: """
      Every node runs again. Progress on stderr (the first line names the new execution), outputs \
      on stdout. Exit status: 0 succeeded, 1 the execution failed, 2 bad usage or input.
      """
  )

  @Argument(help: "The execution to run again: its name (or project/domain/name).")
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
      try await RemoteCopy(mode: .relaunch, execution: execution, name: name, remote: remote).run()
      return
    }
    try await ExecutionCopy(
      mode: .relaunch, execution: execution, dataDir: dataDir, images: images, name: name, outputsFile: outputsFile
    ).run()
  }
}
