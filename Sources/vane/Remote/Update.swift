import ArgumentParser

/// `vane update KIND`: changes an entity on a server (flytectl's `update`).
struct Update: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Change an entity on a vane serve (flytectl update).",
    subcommands: [UpdateLaunchPlan.self]
  )
}
