import ArgumentParser

/// `vane create KIND`: creates something on a server (flytectl's `create`).
struct Create: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create an execution on a vane serve (flytectl create).",
    subcommands: [CreateExecution.self]
  )
}
