import ArgumentParser
import VaneAdmin

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
      With --endpoint ($VANE_ENDPOINT, -c or $FLYTECTL_CONFIG) the server there starts the new execution and its \
      name is printed (the data directory is not used). Exit \
      status: 0 succeeded, 1 the execution failed, 2 bad usage or input, 78 a bad config.
      """
  )

  @OptionGroup var options: RerunOptions

  func run() async throws {
    try await options.run(.recover)
  }
}
