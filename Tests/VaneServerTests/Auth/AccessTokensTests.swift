import Foundation
import JWTKit
import Testing
import VaneAdmin
import VaneTesting

@testable import VaneServer

@Suite struct AccessTokensTests {
  func tokens(
    _ directory: String, clock: ManualClock, external: ExternalIssuer? = nil, clientsFile: String? = nil
  ) async throws -> AccessTokens {
    await AccessTokens(
      keys: try SigningKeys.loadOrCreate(dataDirectory: directory),
      clients: try ClientRegistry(
        path: clientsFile ?? ClientDirectory.path(dataDirectory: directory), recheck: .zero),
      issuer: { "https://vane.test" },
      audience: "vane", lifetime: .seconds(600), external: external, clock: clock)
  }

  @Test func issuesTokensThatVerifyUntilTheyExpire() async throws {
    let temporary = try TemporaryDirectory("vane-auth")
    defer { temporary.remove() }
    let directory = temporary.path
    var clients = try ClientDirectory.load(dataDirectory: directory)
    let secret = try clients.create(id: "ci", roles: ["a": .write])
    let clock = ManualClock()
    let service = try await tokens(directory, clock: clock)

    let issued = try await service.issue(clientID: "ci", secret: secret)
    #expect(issued.expiresIn == 600)
    let principal = try await service.principal(forToken: issued.token)
    #expect(principal == Principal(subject: "ci", issuer: "vane", roles: ["a": .write]))

    await #expect(throws: AuthError.self) { try await service.issue(clientID: "ci", secret: secret + "x") }
    await #expect(throws: AuthError.self) { try await service.issue(clientID: "nobody", secret: secret) }

    clock.advance(by: .seconds(601))
    let expired = await #expect(throws: AuthError.self) { try await service.principal(forToken: issued.token) }
    #expect(expired?.message.contains("expired") == true)
  }

  @Test func rejectsTamperedForeignAndRevokedTokens() async throws {
    let temporary = try TemporaryDirectory("vane-auth")
    defer { temporary.remove() }
    let directory = temporary.path
    var clients = try ClientDirectory.load(dataDirectory: directory)
    let secret = try clients.create(id: "ci", roles: ["*": .read])
    let clock = ManualClock()
    let service = try await tokens(directory, clock: clock)
    let token = try await service.issue(clientID: "ci", secret: secret).token

    // Another server's keys (another data directory) do not verify it.
    let otherTemporary = try TemporaryDirectory("vane-auth")
    defer { otherTemporary.remove() }
    let other = otherTemporary.path
    let stranger = try await tokens(other, clock: clock)
    await #expect(throws: AuthError.self) { try await stranger.principal(forToken: token) }

    var parts = token.split(separator: ".").map(String.init)
    parts[2] = String(parts[2].reversed())
    await #expect(throws: AuthError.self) { try await service.principal(forToken: parts.joined(separator: ".")) }
    await #expect(throws: AuthError.self) { try await service.principal(forToken: "not-a-jwt") }

    // Roles are read at each call: a change applies to a token already handed out.
    try clients.setRole(.admin, project: "ops", for: "ci")
    #expect(try await service.principal(forToken: token).roles["ops"] == .admin)
    try clients.remove("ci")
    await #expect(throws: AuthError.self) { try await service.principal(forToken: token) }
  }

  @Test func rotatedKeysKeepOlderTokensValid() async throws {
    let temporary = try TemporaryDirectory("vane-auth")
    defer { temporary.remove() }
    let directory = temporary.path
    var clients = try ClientDirectory.load(dataDirectory: directory)
    let secret = try clients.create(id: "ci", roles: ["a": .read])
    let clock = ManualClock()
    let before = try await tokens(directory, clock: clock).issue(clientID: "ci", secret: secret).token
    var keys = try SigningKeys.loadOrCreate(dataDirectory: directory)
    let old = keys.signing.id
    try keys.rotate()
    #expect(keys.signing.id != old && keys.keys.count == 2)
    let after = try await tokens(directory, clock: clock)
    #expect(try await after.principal(forToken: before).subject == "ci")
    #expect(after.jwksJSON.contains(old) && after.jwksJSON.contains(keys.signing.id))
  }

  @Test func secretFilesAreOwnerOnly() throws {
    let temporary = try TemporaryDirectory("vane-auth")
    defer { temporary.remove() }
    let directory = temporary.path
    _ = try SigningKeys.loadOrCreate(dataDirectory: directory)
    let path = SigningKeys.path(dataDirectory: directory)
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    #expect(throws: AuthError.self) { try SigningKeys.loadOrCreate(dataDirectory: directory) }
  }

  @Test func aClientsFileOutsideTheDataDirectoryHoldsTheClients() async throws {
    let temporary = try TemporaryDirectory("vane-auth")
    let elsewhereTemporary = try TemporaryDirectory("vane-auth")
    defer {
      temporary.remove()
      elsewhereTemporary.remove()
    }
    let directory = temporary.path
    let elsewhere = elsewhereTemporary.path
    let clientsFile = elsewhere + "/team/clients.json"
    let first = try FirstAdminClient.ensure(dataDirectory: directory, clientsFile: clientsFile)
    let secret = try String(contentsOfFile: first.secretPath, encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(try ClientDirectory.load(path: clientsFile).clients[first.id] != nil)
    #expect(!FileManager.default.fileExists(atPath: ClientDirectory.path(dataDirectory: directory)))
    // A second start keeps the client and its secret.
    _ = try FirstAdminClient.ensure(dataDirectory: directory, clientsFile: clientsFile)
    let clock = ManualClock()
    let service = try await tokens(directory, clock: clock, clientsFile: clientsFile)
    let token = try await service.issue(clientID: first.id, secret: secret).token
    #expect(try await service.principal(forToken: token).roles[Principal.allProjects] == .admin)
    // The data directory's default file is not consulted.
    let defaultFile = try await tokens(directory, clock: clock)
    await #expect(throws: AuthError.self) { try await defaultFile.issue(clientID: first.id, secret: secret) }
  }
}
