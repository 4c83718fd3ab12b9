import Foundation
import VaneServer

/// What `vane serve` prints when it listens, and the flytekit config it writes to
/// `<data dir>/config.yaml` (mode 0640): the advertised endpoint, TLS (`insecure: false`,
/// the CA clients should trust) and, with authentication, the first admin client's
/// credentials (`authType: ClientSecret`, its id, and its secret file), so
/// `pyflyte --config <data dir>/config.yaml …` works with no other step.
struct ServeAnnouncement {
  let address: ListenAddress
  let ports: AdminServer.Ports
  let dataDirectory: String
  let httpBase: String
  let tls: Bool
  let tlsCA: String?
  let client: FirstAdminClient?
  /// The object store's endpoint when executions keep their data in a bucket behind a custom
  /// endpoint (MinIO, Ceph, moto); nil for the data directory or AWS itself.
  var storageEndpoint: String?
  /// The console's base URL, nil when the console is off.
  let console: String?

  /// A replica writes its own (`<data dir>/replicas/<id>/config.yaml`): replicas share the data
  /// directory and each listens on its own ports.
  var replica: String?

  var configPath: String {
    guard let replica else { return dataDirectory + "/config.yaml" }
    return dataDirectory + "/replicas/\(replica)/config.yaml"
  }

  /// flytekit's config: the admin endpoint, TLS and credentials, and the console (so the links
  /// pyflyte and FlyteRemote print open the execution's page). Uploads go through the data
  /// proxy (signed URLs of the HTTP port, or presigned URLs of the bucket); with a custom object
  /// store endpoint, flytekit also needs it to read `s3://` outputs (credentials come from the
  /// reader's own AWS chain and are never written here).
  var flytekitConfig: String {
    var lines = [
      "admin:",
      "  endpoint: dns:///\(address.urlHost):\(ports.grpc)",
      "  insecure: \(!tls)",
    ]
    if let tlsCA { lines.append("  caCertFilePath: \(tlsCA)") }
    if let client {
      lines += [
        "  authType: ClientSecret",
        "  clientId: \(client.id)",
        "  clientSecretLocation: \(client.secretPath)",
      ]
    }
    if let storageEndpoint {
      lines += ["storage:", "  connection:", "    endpoint: \(storageEndpoint)"]
    }
    if let console { lines += ["console:", "  endpoint: \(console)"] }
    return lines.joined(separator: "\n")
  }

  func writeConfig() throws {
    do {
      try FileManager.default.createDirectory(
        atPath: (configPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data((flytekitConfig + "\n").utf8).write(to: URL(fileURLWithPath: configPath), options: .atomic)
    } catch {
      throw CLIFailure.failed("\(configPath): cannot write the flytekit config: \(error)")
    }
  }

  func print(startup: Duration) {
    let milliseconds = startup.components.seconds * 1000 + startup.components.attoseconds / 1_000_000_000_000_000
    let security =
      client == nil ? "no authentication (loopback only)" : "authentication on; admin client '\(client!.id)'"
    let text = """
      vane serve: gRPC on \(address.urlHost):\(ports.grpc), HTTP on \(httpBase) (ready in \(milliseconds) ms)
      \(tls ? "TLS on; " : "")\(security)
      data: \(dataDirectory)\(replica.map { "\nreplica: \($0)" } ?? "")\(console.map { "\nconsole: \($0)/console" } ?? "")
      flytekit config (written to \(configPath)):
      \(flytekitConfig)
      use: pyflyte --config \(configPath) register … / pyflyte --config \(configPath) run --remote …

      """
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
