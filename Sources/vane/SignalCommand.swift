import ArgumentParser

/// `vane signal set|list`: the signals gate nodes wait for (`wait_for_input`, `approve`).
struct SignalCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "signal",
    abstract: "Set or list the signals that gate nodes of an execution wait for.",
    discussion: """
      A `wait_for_input` or `approve` gate records its signal when it starts waiting. Against a \
      data directory (`--data-dir`, as `vane run` uses) the `vane run` running the execution \
      picks a value up within a second of it being set; against a `vane serve` (`--endpoint \
      host:port`, or $VANE_ENDPOINT) the commands use the server's SignalService and the gate \
      is released at once.
      """,
    subcommands: [SignalSet.self, SignalList.self]
  )
}
