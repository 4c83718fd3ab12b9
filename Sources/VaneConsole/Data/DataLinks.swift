import Crypto
import Foundation

/// Download links for files the console shows (task inputs and outputs, directory listings,
/// decks): the URI and the project it was shown for, signed with a key of this server process.
/// The console signs only what it displayed to a viewer allowed to read the project, so a link
/// cannot be forged to read other data; the download route checks the signature, that the
/// viewer may still read the project, and that the URI is inside the engine's data.
public struct DataLinks: Sendable {
  let key: SymmetricKey

  public init() {
    key = SymmetricKey(size: .bits256)
  }

  /// The path of the download route for `uri` shown in `project`.
  public func link(_ uri: String, project: String, domain: String, preview: Bool = false) -> String {
    ConsolePaths.with(
      ConsolePaths.domain(project, domain) + (preview ? "/preview" : "/data"),
      ["uri": uri, "sig": signature(uri, project: project)])
  }

  func signature(_ uri: String, project: String) -> String {
    let mac = HMAC<SHA256>.authenticationCode(for: Data("\(project)\n\(uri)".utf8), using: key)
    return Data(mac).base64URLText
  }

  /// Whether `signature` is this server's for `uri` in `project` (compared in constant time).
  public func verify(_ uri: String, project: String, signature given: String) -> Bool {
    let expected = Array(signature(uri, project: project).utf8)
    let actual = Array(given.utf8)
    guard expected.count == actual.count else { return false }
    var difference: UInt8 = 0
    for index in expected.indices { difference |= expected[index] ^ actual[index] }
    return difference == 0
  }
}
