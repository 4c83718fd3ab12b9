import ArgumentParser

/// `--data-dir`: the data directory of the embedded default, for every command that runs or
/// reads executions on this machine.
struct DataDirectoryOption: ParsableArguments {
  @Option(
    help:
      "The data directory: executions, registrations and their data (default: $VANE_DATA_DIR or ~/.local/share/vane)."
  )
  var dataDir: String?
}
