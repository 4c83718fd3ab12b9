import Foundation
import VaneAdmin

/// What `vane serve` prints when it listens, and the flytekit config it writes to
/// `<data dir>/config.yaml`.
struct ServeAnnouncement {
  let host: String
  let ports: AdminServer.Ports
  let dataDirectory: String

  var configPath: String { dataDirectory + "/config.yaml" }

  /// flytekit's config: the admin endpoint, plain-text gRPC. Data moves through the data
  /// proxy (upload URLs on the HTTP port), so no storage section is needed.
  var flytekitConfig: String {
    """
    admin:
      endpoint: dns:///\(host):\(ports.grpc)
      insecure: true
    """
  }

  func writeConfig() throws {
    do {
      try Data((flytekitConfig + "\n").utf8).write(to: URL(fileURLWithPath: configPath), options: .atomic)
    } catch {
      throw CLIFailure(exitCode: 1, description: "\(configPath): cannot write the flytekit config: \(error)")
    }
  }

  func print(startup: Duration) {
    let milliseconds = startup.components.seconds * 1000 + startup.components.attoseconds / 1_000_000_000_000_000
    let text = """
      vane serve: gRPC on \(host):\(ports.grpc), HTTP on http://\(host):\(ports.http) (ready in \(milliseconds) ms)
      data: \(dataDirectory)
      flytekit config (written to \(configPath)):
      \(flytekitConfig)
      use: pyflyte --config \(configPath) register … / pyflyte --config \(configPath) run --remote …

      """
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
