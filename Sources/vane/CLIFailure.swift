/// An error the CLI reports as it is: a message for stderr and the process exit status.
///
/// Exit statuses: 1 — the work ran and failed; 2 — bad usage or bad input.
struct CLIFailure: Error, CustomStringConvertible {
  let exitCode: Int32
  let description: String

  static func badInput(_ message: String) -> CLIFailure {
    CLIFailure(exitCode: 2, description: message)
  }
}
