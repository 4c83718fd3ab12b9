import Foundation
import Yams

/// The parts of a flytekit / flytectl config file (`admin:` section) the remote commands use:
/// where the server is, whether it speaks TLS and which CA to trust, and the client
/// credentials — the same file `vane serve` writes and `pyflyte --config` reads.
struct FlytekitConfigFile {
  var endpoint: String?
  var insecure = false
  var caCertFilePath: String?
  var clientID: String?
  var clientSecretLocation: String?
  var authType: String?

  static func load(_ path: String) throws -> FlytekitConfigFile {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw CLIFailure.badInput("\(path): cannot read the config: \(error)")
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      throw CLIFailure.badInput("\(path): not valid YAML: \(error)")
    }
    var config = FlytekitConfigFile()
    guard let admin = root?.mapping?["admin"]?.mapping else { return config }
    config.endpoint = admin["endpoint"]?.string
    config.insecure = admin["insecure"]?.bool ?? false
    config.caCertFilePath = admin["caCertFilePath"]?.string
    config.clientID = admin["clientId"]?.string
    config.clientSecretLocation = admin["clientSecretLocation"]?.string
    config.authType = admin["authType"]?.string
    return config
  }

  /// The client secret from `clientSecretLocation` (trailing newline dropped), if configured.
  func clientSecret() throws -> String? {
    guard let clientSecretLocation else { return nil }
    guard let data = FileManager.default.contents(atPath: clientSecretLocation) else {
      throw CLIFailure.badInput("\(clientSecretLocation): cannot read the client secret (admin.clientSecretLocation)")
    }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
