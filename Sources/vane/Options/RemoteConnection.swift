import Foundation
import VaneClientConfig

/// Where and how to reach a server: its address, TLS (and the CA to trust) and the client
/// credentials a `ClientSecret` config names.
struct RemoteConnection {
  struct Credentials {
    var clientID: String
    var secret: String
  }

  var address: ServerAddress
  var tls: Bool
  var caCertificate: String?
  var credentials: Credentials?

  /// The connection `resolved` describes; the client secret is read from
  /// `admin.clientSecretLocation` (exit 78 naming the file and key when it cannot be).
  init(_ resolved: ClientSettings.Resolved) throws {
    let config = resolved.config
    address = resolved.address
    tls = !config.insecure
    caCertificate = config.caCertFilePath
    guard let id = config.clientID, let location = config.clientSecretLocation,
      config.authType == nil || config.authType == "ClientSecret"
    else { return }
    // A secret is a short token; never read more than a page of whatever the path names.
    guard let handle = FileHandle(forReadingAtPath: location), let data = try? handle.read(upToCount: 4096) else {
      throw CLIFailure.badConfig(
        "\(resolved.configPath ?? "config"): admin.clientSecretLocation: cannot read the client secret \(location)")
    }
    try? handle.close()
    credentials = Credentials(
      clientID: id, secret: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }

  func client() throws -> RemoteClient {
    RemoteClient(address: address, tls: tls, caCertificate: caCertificate, credentials: credentials)
  }
}
