/// Points flytekit's fast-registration launcher at the attempt's own working directory.
///
/// A fast-registered task runs `pyflyte-fast-execute --additional-distribution <archive>
/// --dest-dir <dir> -- pyflyte-execute …`. The launcher downloads and unpacks the archive into
/// `<dir>`, adds `<dir>` to `PYTHONPATH` and passes archive and directory on to the task so a
/// dynamic task can fast-register the tasks it creates. `<dir>` is a path inside the image (for
/// example `/root`); on this machine it must never be used, so the value is replaced by the
/// attempt's working directory (and added when missing, as the launcher would otherwise fall back
/// to its current directory, which is the same place).
enum FastExecuteArguments {
  static let launcher = "pyflyte-fast-execute"
  static let destinationOption = "--dest-dir"

  /// Whether `argv` runs flytekit's fast-registration launcher.
  static func isFastExecute(_ argv: [String]) -> Bool {
    launcherIndex(argv) != nil
  }

  /// `argv` with the launcher's `--dest-dir` set to `directory`; unchanged when `argv` does not
  /// run the launcher. Only the launcher's own options (before its `--`) are touched.
  static func rewritingDestination(_ argv: [String], to directory: String) -> [String] {
    guard let start = launcherIndex(argv) else { return argv }
    var result = Array(argv[...start])
    var index = start + 1
    var replaced = false
    while index < argv.count {
      let argument = argv[index]
      if argument == "--" { break }
      if argument == destinationOption {
        result += [destinationOption, directory]
        index += 2
        replaced = true
        continue
      }
      if argument.hasPrefix(destinationOption + "=") {
        result.append(destinationOption + "=" + directory)
        index += 1
        replaced = true
        continue
      }
      result.append(argument)
      index += 1
    }
    if !replaced { result += [destinationOption, directory] }
    result += argv[min(index, argv.count)...]
    return result
  }

  private static func launcherIndex(_ argv: [String]) -> Int? {
    argv.firstIndex { argument in
      argument == launcher || argument.hasSuffix("/" + launcher)
    }
  }
}
