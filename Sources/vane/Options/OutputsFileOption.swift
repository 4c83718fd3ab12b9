import ArgumentParser

/// `--outputs-file`: where a command that runs an execution to its end writes the outputs.
struct OutputsFileOption: ParsableArguments {
  @Option(help: "Write the outputs as a binary flyteidl.core.LiteralMap here.")
  var outputsFile: String?
}
