import ArgumentParser
import Foundation

/// `--image IMAGE=DIR` (repeatable): which Python environment runs the tasks of an image.
struct ImageOptions: ParsableArguments {
  @Option(
    name: .customLong("image"), help: "IMAGE=DIR: run tasks of this image (or *) with the Python environment DIR.")
  var images: [String] = []

  /// Image → environment directory; exit 2 for an entry that is not IMAGE=DIR.
  func parsed() throws -> [String: String] {
    var parsed: [String: String] = [:]
    for option in images {
      let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw CLIFailure.badInput("--image \(option): write IMAGE=DIR (IMAGE may be *)")
      }
      parsed[parts[0]] = URL(fileURLWithPath: parts[1]).standardizedFileURL.path
    }
    return parsed
  }
}
