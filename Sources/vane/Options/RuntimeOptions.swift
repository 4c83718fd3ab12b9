import ArgumentParser
import Foundation
import Logging
import VaneS3

/// Where and with what executions run: `--data-dir`, `--image`, the Ray cluster options and
/// whether flytekit tasks start warm, whether they run sandboxed, and the default deadlines.
struct RuntimeOptions: ParsableArguments {
  @OptionGroup var dataDirectory: DataDirectoryOption
  @OptionGroup var images: ImageOptions
  @OptionGroup(title: "Ray") var ray: RayOptions
  @OptionGroup(title: "Warm starts") var warmStarts: WarmStartOptions
  @OptionGroup(title: "Sandbox") var sandbox: SandboxOptions
  @OptionGroup(title: "Deadlines") var deadlines: DeadlineOptions

  @Option(
    help: ArgumentHelp(
      "A directory of secrets tasks may request (projects/<project>/<group>/<key>, shared/<group>/<key>).",
      discussion: "Default: $VANE_TASKS_SECRETS_DIR. VANE_SECRET_<GROUP>_<KEY> variables are secrets too."))
  var secretsDir: String?

  /// The embedded default on the data directory, with the images' environments; `storage`
  /// selects object storage (nil: what the data directory was set up with).
  func open(storage: StorageSelection? = nil, logger: Logger) throws -> LocalRuntime {
    let environments = try images.parsed()
    let raySettings = try ray.settings(
      dataDirectory: LocalRuntime.directory(dataDirectory.dataDir), images: environments)
    return try LocalRuntime.open(
      dataDirectory: dataDirectory.dataDir, images: environments, storage: storage, ray: raySettings,
      warmStarts: try warmStarts.configuration(), sandbox: try sandbox.configuration(),
      secretsDirectory: secretsDir ?? ProcessInfo.processInfo.environment["VANE_TASKS_SECRETS_DIR"],
      deadlines: try deadlines.parsed(), logger: logger)
  }
}
