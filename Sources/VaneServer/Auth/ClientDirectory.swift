import Crypto
public import Foundation
public import VaneAdmin

/// The clients file, `<data dir>/auth/clients.json` or `auth.clients_file` (mode 0600): who may
/// get tokens and which role each holds per project. `vane auth …` edits it; a running server
/// re-reads it when it changes, so a new client or a revoked one takes effect without a restart.
public struct ClientDirectory: Sendable {
  public private(set) var clients: [String: ClientRecord]
  public let path: String

  /// `<data dir>/auth/clients.json`.
  public static func path(dataDirectory: String) -> String { dataDirectory + "/auth/clients.json" }

  /// Reads the file; an absent file is an empty directory.
  public static func load(dataDirectory: String) throws(AuthError) -> ClientDirectory {
    try load(path: path(dataDirectory: dataDirectory))
  }

  /// Reads the file at `path`; an absent file is an empty directory.
  public static func load(path: String) throws(AuthError) -> ClientDirectory {
    guard let data = try PrivateFile.read(path) else { return ClientDirectory(clients: [:], path: path) }
    do {
      let decoder = JSONDecoder()
      decoder.dateDecodingStrategy = .secondsSince1970
      let list = try decoder.decode([String: [ClientRecord]].self, from: data)["clients"] ?? []
      return ClientDirectory(clients: Dictionary(list.map { ($0.id, $0) }) { first, _ in first }, path: path)
    } catch {
      throw AuthError(.storage, "not a clients file: \(error)", at: path)
    }
  }

  init(clients: [String: ClientRecord], path: String) {
    self.clients = clients
    self.path = path
  }

  /// Adds a Vane client with a new random secret and returns the secret (shown once; only
  /// its hash is kept). Fails when the id is taken or malformed.
  public mutating func create(id: String, roles: [String: Role], now: Date = Date()) throws(AuthError) -> String {
    try Self.checkID(id)
    guard clients[id] == nil else {
      throw AuthError(.invalidRequest, "a client with this id exists", at: "client \(id)")
    }
    var bytes = [UInt8](repeating: 0, count: 32)
    var generator = SystemRandomNumberGenerator()
    for index in bytes.indices { bytes[index] = generator.next() }
    let secret = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    clients[id] = ClientRecord(id: id, secretSHA256: Self.hash(secret), issuer: nil, roles: roles, created: now)
    try save()
    return secret
  }

  /// Adds (or replaces the roles of) an external issuer's subject.
  public mutating func grantExternal(
    subject: String, issuer: String, roles: [String: Role], now: Date = Date()
  )
    throws(AuthError)
  {
    guard !subject.isEmpty, subject.count <= 256 else {
      throw AuthError(.invalidRequest, "give a subject of 1 to 256 characters", at: "subject")
    }
    clients[subject] = ClientRecord(id: subject, secretSHA256: nil, issuer: issuer, roles: roles, created: now)
    try save()
  }

  /// Sets the role of `id` in `project` (nil removes it).
  public mutating func setRole(_ role: Role?, project: String, for id: String) throws(AuthError) {
    guard var client = clients[id] else { throw AuthError(.invalidRequest, "no such client", at: "client \(id)") }
    client.roles[project] = role
    clients[id] = client
    try save()
  }

  /// Removes a client; its tokens stop working at the server's next check.
  public mutating func remove(_ id: String) throws(AuthError) {
    guard clients.removeValue(forKey: id) != nil else {
      throw AuthError(.invalidRequest, "no such client", at: "client \(id)")
    }
    try save()
  }

  /// The client whose id and secret match, compared in constant time; nil otherwise.
  public func authenticate(id: String, secret: String) -> ClientRecord? {
    guard let client = clients[id], let stored = client.secretSHA256 else { return nil }
    let given = Array(Self.hash(secret).utf8)
    let expected = Array(stored.utf8)
    guard given.count == expected.count else { return nil }
    var difference: UInt8 = 0
    for index in given.indices { difference |= given[index] ^ expected[index] }
    return difference == 0 ? client : nil
  }

  static func hash(_ secret: String) -> String {
    SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  static func checkID(_ id: String) throws(AuthError) {
    let allowed = id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    guard (1...64).contains(id.count), allowed else {
      throw AuthError(.invalidRequest, "use 1 to 64 letters, digits, '-', '_' or '.'", at: "client id '\(id)'")
    }
  }

  private func save() throws(AuthError) {
    do {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      encoder.dateEncodingStrategy = .secondsSince1970
      let list = clients.values.sorted { $0.id < $1.id }
      try PrivateFile.write(try encoder.encode(["clients": list]), to: path)
    } catch let error as AuthError {
      throw error
    } catch {
      throw AuthError(.storage, "cannot encode the clients: \(error)", at: path)
    }
  }
}
