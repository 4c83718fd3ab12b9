import ArgumentParser
import Foundation
import VanePlugins

/// `--[no-]warm-starts` and `--cold-image`: whether flytekit tasks are forked from a warm Python
/// process per environment and code bundle (the default) or started cold.
struct WarmStartOptions: ParsableArguments {
  @Flag(
    name: .customLong("warm-starts"), inversion: .prefixedNo,
    help: ArgumentHelp(
      "Fork flytekit tasks from a warm Python process per environment and code bundle (default: on, or "
        + "$VANE_WARM_STARTS_ENABLED)."))
  var warmStarts: Bool?

  @Option(name: .customLong("cold-image"), help: "IMAGE: always start tasks of this image (or *) cold (repeatable).")
  var coldImages: [String] = []

  /// The flags over `base` (the defaults, or `vane serve`'s configuration); without a flag,
  /// `VANE_WARM_STARTS_ENABLED` decides.
  func configuration(
    over base: LocalProcessPlugin.WarmStartConfiguration = .init(),
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> LocalProcessPlugin.WarmStartConfiguration {
    var configuration = base
    if let warmStarts {
      configuration.enabled = warmStarts
    } else if let text = environment["VANE_WARM_STARTS_ENABLED"], !text.isEmpty {
      switch text.lowercased() {
      case "true", "yes", "on", "1": configuration.enabled = true
      case "false", "no", "off", "0": configuration.enabled = false
      default:
        throw CLIFailure.badInput("VANE_WARM_STARTS_ENABLED=\(text): expected true or false")
      }
    }
    for image in coldImages {
      guard !image.isEmpty else { throw CLIFailure.badInput("--cold-image: name an image (or *)") }
      configuration.coldImages.insert(image)
    }
    return configuration
  }
}
