import Crypto
public import Foundation
public import JWTKit

/// The keys Vane signs access tokens with: ES256 (P-256) private keys in
/// `<data dir>/auth/signing-keys.json` (mode 0600), newest first. The newest signs; all verify,
/// so rotating (`vane auth rotate-key`) adds a key without invalidating tokens already handed
/// out; keys beyond ``SigningKeys/kept`` are dropped (their tokens expired long ago).
public struct SigningKeys: Sendable {
  /// One key: its id (the JWT `kid`), when it was made, and the private key.
  public struct Key: Sendable {
    public var id: String
    public var created: Date
    public var privateKey: ES256PrivateKey
  }

  /// How many keys are kept after a rotation.
  public static let kept = 3

  /// Newest first; never empty.
  public private(set) var keys: [Key]
  public let path: String

  /// `<data dir>/auth/signing-keys.json`.
  public static func path(dataDirectory: String) -> String { dataDirectory + "/auth/signing-keys.json" }

  /// Loads the keys, creating the file with one new key when it does not exist.
  public static func loadOrCreate(dataDirectory: String) throws(AuthError) -> SigningKeys {
    let path = path(dataDirectory: dataDirectory)
    if let data = try PrivateFile.read(path) {
      return SigningKeys(keys: try decode(data, path: path), path: path)
    }
    let keys = SigningKeys(keys: [newKey()], path: path)
    try keys.save()
    return keys
  }

  /// Adds a new signing key (and drops the oldest beyond `kept`), saving the file.
  public mutating func rotate() throws(AuthError) {
    keys.insert(Self.newKey(), at: 0)
    keys = Array(keys.prefix(Self.kept))
    try save()
  }

  /// The key that signs new tokens.
  public var signing: Key { keys[0] }

  /// The public halves as a JSON Web Key Set (`/oauth2/jwks`).
  public var jwksJSON: String {
    let entries = keys.compactMap { key -> String? in
      guard let (x, y) = key.privateKey.publicKey.parameters else { return nil }
      return #"{"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":"\#(key.id)","x":"\#(x)","y":"\#(y)"}"#
    }
    return #"{"keys":[\#(entries.joined(separator: ","))]}"#
  }

  private init(keys: [Key], path: String) {
    self.keys = keys
    self.path = path
  }

  private static func newKey() -> Key {
    var generator = SystemRandomNumberGenerator()
    let id = (0..<2).map { _ in String(generator.next() as UInt64, radix: 36) }.joined()
    return Key(id: id, created: Date(), privateKey: ES256PrivateKey())
  }

  private struct Stored: Codable {
    var kid: String
    var created: Double
    var pem: String
  }

  private func save() throws(AuthError) {
    let stored = keys.map {
      Stored(kid: $0.id, created: $0.created.timeIntervalSince1970, pem: $0.privateKey.pemRepresentation)
    }
    do {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try PrivateFile.write(try encoder.encode(["keys": stored]), to: path)
    } catch let error as AuthError {
      throw error
    } catch {
      throw AuthError(.storage, "cannot encode the keys: \(error)", at: path)
    }
  }

  private static func decode(_ data: Data, path: String) throws(AuthError) -> [Key] {
    do {
      let stored = try JSONDecoder().decode([String: [Stored]].self, from: data)["keys"] ?? []
      let keys = try stored.map {
        Key(id: $0.kid, created: Date(timeIntervalSince1970: $0.created), privateKey: try ES256PrivateKey(pem: $0.pem))
      }
      guard !keys.isEmpty else {
        throw AuthError(.storage, "the file holds no key; delete it to make a new one", at: path)
      }
      return keys
    } catch let error as AuthError {
      throw error
    } catch {
      throw AuthError(.storage, "not a signing key file (\(error)); delete it to make a new one", at: path)
    }
  }
}
