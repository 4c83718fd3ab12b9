import ArgumentParser
import VaneAdmin

/// `vane relaunch EXECUTION`: runs an execution again from the start under a new name.
struct Relaunch: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run an execution again from the start: same workflow, inputs and settings, new name.",
    discussion: """
      Every node runs again. Progress on stderr (the first line names the new execution), outputs \
      on stdout. With --endpoint ($VANE_ENDPOINT, -c or $FLYTECTL_CONFIG) the server there starts the new execution and its \
      name is printed (the data directory is not used). Exit \
      status: 0 succeeded, 1 the execution failed, 2 bad usage or input, 78 a bad config.
      """
  )

  @OptionGroup var options: RerunOptions

  func run() async throws {
    try await options.run(.relaunch)
  }
}
