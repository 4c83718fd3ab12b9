import ArgumentParser
import VaneEngine

/// `--node-active-deadline`, `--node-execution-deadline`, `--workflow-active-deadline`: the
/// engine's default deadlines (`vane serve`'s `engine.*_deadline` keys; FlytePropeller's
/// `default-deadlines`). Unset or `0`: none.
struct DeadlineOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "How long a node without a timeout may take, from when it is queued (e.g. 30m, 48h; 0: no limit).",
      discussion: "Past it the node is stopped and ends TimedOut with the user error Timeout."))
  var nodeActiveDeadline: String?

  @Option(
    help: ArgumentHelp(
      "How long one attempt of a node without a timeout may run (e.g. 10m; 0: no limit).",
      discussion: "Past it the attempt is stopped and fails with the retryable user error TimeoutExpired."))
  var nodeExecutionDeadline: String?

  @Option(
    help: ArgumentHelp(
      "How long an execution may run, from when it starts (e.g. 72h; 0: no limit).",
      discussion: "Past it its running nodes are stopped and it fails with the user error Timeout."))
  var workflowActiveDeadline: String?

  /// The deadlines the flags give.
  func parsed() throws -> EngineDeadlines {
    EngineDeadlines(
      nodeActive: try Self.deadline(nodeActiveDeadline, flag: "--node-active-deadline"),
      nodeExecution: try Self.deadline(nodeExecutionDeadline, flag: "--node-execution-deadline"),
      workflowActive: try Self.deadline(workflowActiveDeadline, flag: "--workflow-active-deadline"))
  }

  private static func deadline(_ text: String?, flag: String) throws -> Duration? {
    guard let text else { return nil }
    switch EngineDeadlines.parse(text) {
    case .success(let deadline): return deadline
    case .failure(let error): throw CLIFailure.badInput("\(flag): \(error.message)")
    }
  }
}
