import ArgumentParser
import Foundation
import VaneClientConfig

/// `--endpoint host:port` and `-c/--config FILE`: the `vane serve` (or FlyteAdmin) a command
/// talks to, and how — found the way flytectl finds it (`VaneClientConfig.ClientSettings`):
/// the config is `-c`, else `$FLYTECTL_CONFIG`, else `~/.flyte/config.yaml`; the endpoint is
/// `--endpoint`, else `$VANE_ENDPOINT`, else the config's `admin.endpoint`, else 127.0.0.1:8089.
/// TLS and client credentials come from the config (the one `vane serve` writes works as is).
struct EndpointOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The server's gRPC endpoint, host:port or dns:///host:port.",
      discussion: "Default: $VANE_ENDPOINT, else the config's admin.endpoint, else 127.0.0.1:8089."))
  var endpoint: String?

  @Option(
    name: [.customShort("c"), .customLong("config")],
    help: ArgumentHelp(
      "A flytekit/flytectl config (e.g. <data dir>/config.yaml): admin.endpoint, insecure, CA, client credentials.",
      discussion: "Default: $FLYTECTL_CONFIG, else ~/.flyte/config.yaml if it exists."))
  var configPath: String?

  /// The flags with this process's environment and home directory.
  var settings: ClientSettings {
    let environment = ProcessInfo.processInfo.environment
    return ClientSettings(
      endpointFlag: endpoint, configFlag: configPath, environment: environment,
      home: environment["HOME"] ?? NSHomeDirectory())
  }

  /// True when a server was named (`--endpoint`, `$VANE_ENDPOINT`, `-c`, `$FLYTECTL_CONFIG`):
  /// commands that also work on a data directory go to the server only then.
  var namesServer: Bool { settings.namesServer }

  /// The server to call and how; exit 2 for a bad `--endpoint`, 78 for a bad config.
  func connection() throws -> RemoteConnection {
    let resolved: ClientSettings.Resolved
    do {
      resolved = try settings.resolve()
    } catch {
      switch error {
      case .badFlag(let message): throw CLIFailure.badInput(message)
      case .badConfig(let problem): throw CLIFailure.badConfig(problem.description)
      }
    }
    return try RemoteConnection(resolved)
  }

  /// A client for the resolved server.
  func client() throws -> RemoteClient { try connection().client() }
}
