import ArgumentParser

/// `vane compile PACKAGE [ENTITY]`.
struct Compile: AsyncParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Compile the workflows of a flytekit package.")
  func run() async throws {
    throw CLIFailure(exitCode: 1, description: "not built yet")
  }
}
