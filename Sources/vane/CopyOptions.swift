import ArgumentParser

/// What `vane relaunch` and `vane recover` take: the execution to copy and where it runs —
/// locally on its data directory, or on a `vane serve` given with `--endpoint`.
struct CopyOptions: ParsableArguments {
  @Argument(help: "The earlier execution: its name (or project/domain/name).")
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

  /// Starts the copy: on the server when `--endpoint` is given, else locally, run to its end.
  func run(_ mode: ExecutionCopy.Mode) async throws {
    if let endpoint {
      let remote = try RemoteOptions.parse(["--endpoint", endpoint])
      try await RemoteCopy(mode: mode, execution: execution, name: name, remote: remote).run()
      return
    }
    try await ExecutionCopy(
      mode: mode, execution: execution, dataDir: dataDir, images: images, name: name, outputsFile: outputsFile
    ).run()
  }
}
