import ArgumentParser

/// `-o/--output`: how a command prints what it read from a server or data directory.
struct OutputFormatOption: ParsableArguments {
  @Option(name: [.customShort("o"), .long], help: "Output: table, json or yaml.")
  var output: OutputFormat = .table
}

/// How a command prints what it got.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, yaml
}
