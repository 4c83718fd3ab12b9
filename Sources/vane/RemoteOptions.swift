import ArgumentParser
import Foundation

/// The options every command against a server shares: where it is, the project and domain,
/// and the output format.
struct RemoteOptions: ParsableArguments {
  @Option(help: "The vane serve gRPC endpoint, host:port (default: $VANE_ENDPOINT or 127.0.0.1:8089).")
  var endpoint: String?

  @Option(name: [.customShort("p"), .long], help: "The project.")
  var project: String = "flytesnacks"

  @Option(name: [.customShort("d"), .long], help: "The domain.")
  var domain: String = "development"

  @Option(name: [.customShort("o"), .long], help: "Output: table, json or yaml.")
  var output: OutputFormat = .table

  /// The endpoint to call: the flag, else `$VANE_ENDPOINT`, else 127.0.0.1:8089.
  var resolvedEndpoint: String {
    if let endpoint { return endpoint }
    if let fromEnvironment = ProcessInfo.processInfo.environment["VANE_ENDPOINT"], !fromEnvironment.isEmpty {
      return fromEnvironment
    }
    return "127.0.0.1:8089"
  }

  func client() throws -> RemoteClient {
    try RemoteClient(endpoint: resolvedEndpoint)
  }
}

/// How a remote command prints what it got.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json, yaml
}
