import FlyteIDL
import FlyteIDLGRPC
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Hummingbird
import JWTKit
import Logging
import ServiceLifecycle
import Testing
import VaneAdmin
import VaneAdminStore
import VaneStore
import VaneTesting

@testable import VaneServer

/// `AdminServer` with authentication on, over real gRPC: every call goes through the
/// interceptor, whatever its method.
@Suite struct AuthServerTests {
  struct Harness {
    let ports: AdminServer.Ports
    let directory: String
    let clients: ClientDirectory
    let tokens: AccessTokens

    func call<T: Sendable>(token: String?, _ body: (AdminClient) async throws -> T) async throws -> T {
      try await withGRPCClient(
        transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: ports.grpc), transportSecurity: .plaintext)
      ) { client in
        try await body(AdminClient(wrapping: client))
      }
    }
  }

  static func run(
    external: ExternalIssuer? = nil, limits: ServerLimits = ServerLimits(), dataProxy: (any DataProxyBackend)? = nil,
    _ body: (Harness) async throws -> Void
  ) async throws {
    let temporary = try TemporaryDirectory("vane-auth")
    defer { temporary.remove() }
    let directory = temporary.path
    var clients = try ClientDirectory.load(dataDirectory: directory)
    _ = try clients.create(id: "reader-a", roles: ["a": .read])
    let database = try SQLiteDatabase(path: directory + "/vane.db")
    let store = try SQLAdminStore(sqlite: database)
    try await ProjectDirectory(store: store).ensureDefaultProject()
    let logger = Logger(label: "test")
    let address = HTTPAddress()
    let tokens = await AccessTokens(
      keys: try SigningKeys.loadOrCreate(dataDirectory: directory),
      clients: try ClientRegistry(dataDirectory: directory, recheck: .zero), issuer: { "vane-test" },
      audience: "vane", lifetime: .seconds(600), external: external)
    let audit = try AuditLog(path: AuditLog.path(dataDirectory: directory))
    let security = ServerSecurity(
      tokens: tokens, gate: AccessGate(verifier: tokens, audit: audit),
      metadata: OAuthMetadata(issuer: { "vane-test" }, audience: "vane"), audit: audit)
    let server = try AdminServer(
      configuration: .init(grpcPort: 0, httpPort: 0, dataDirectory: directory, limits: limits),
      admin: AdminComponents(store: store, engine: nil, logger: logger), logger: logger, security: security,
      httpAddress: address, dataProxy: dataProxy)
    let group = ServiceGroup(services: server.services, logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      let ports = try await server.listening()
      try await body(Harness(ports: ports, directory: directory, clients: clients, tokens: tokens))
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
    }
    database.close()
  }

  static func metadata(_ token: String?) -> Metadata {
    guard let token else { return [:] }
    return ["flyte-authorization": "Bearer \(token)"]
  }

  @Test func everyMethodNeedsATokenAndTheRoleInItsProject() async throws {
    try await Self.run { harness in
      var clients = harness.clients
      let writer = try clients.create(id: "writer-a", roles: ["a": .write])
      let token = try await harness.tokens.issue(clientID: "writer-a", secret: writer).token
      try await harness.call(token: nil) { admin in
        var request = Flyteidl_Admin_ProjectListRequest()
        request.limit = 10
        let (noToken, _) = await AdminHarness.code { _ = try await admin.listProjects(request) }
        #expect(noToken == .unauthenticated)
        let (forged, _) = await AdminHarness.code {
          _ = try await admin.listProjects(request, metadata: Self.metadata("x.y.z"))
        }
        #expect(forged == .unauthenticated)
        var get = Flyteidl_Admin_ObjectGetRequest()
        get.id.resourceType = .task
        get.id.project = "b"
        get.id.domain = "development"
        get.id.name = "t"
        get.id.version = "1"
        let (other, message) = await AdminHarness.code {
          _ = try await admin.getTask(get, metadata: Self.metadata(token))
        }
        #expect(other == .permissionDenied)
        #expect(message.contains("project 'b'"))
        get.id.project = "a"
        let (own, _) = await AdminHarness.code { _ = try await admin.getTask(get, metadata: Self.metadata(token)) }
        #expect(own == .notFound)  // let in; nothing registered
      }
      let log = try String(contentsOfFile: AuditLog.path(dataDirectory: harness.directory), encoding: .utf8)
      #expect(log.contains(#""action":"ListProjects","projects":[],"outcome":"unauthenticated""#))
      #expect(log.contains(#""subject":"writer-a""#) && log.contains(#""outcome":"denied""#))
    }
  }

  @Test func requestsOverTheirMethodsLimitAreRefusedBeforeDecoding() async throws {
    var limits = ServerLimits()
    limits.requestBytes = 64 * 1024
    limits.registrationBytes = 1 << 20
    try await Self.run(limits: limits) { harness in
      var clients = harness.clients
      let secret = try clients.create(id: "admin", roles: ["*": .admin])
      let token = try await harness.tokens.issue(clientID: "admin", secret: secret).token
      try await harness.call(token: token) { admin in
        var get = Flyteidl_Admin_ObjectGetRequest()
        get.id.project = String(repeating: "p", count: 100 * 1024)
        let (code, message) = await AdminHarness.code {
          _ = try await admin.getTask(get, metadata: Self.metadata(token))
        }
        #expect(code == .resourceExhausted)
        #expect(message.contains("GetTask requests are limited to 65536 bytes"))
      }
    }
  }

  @Test func tokensOfAConfiguredExternalIssuerAreVerifiedWithItsJWKS() async throws {
    let key = ES256PrivateKey()
    guard let (x, y) = key.publicKey.parameters else { throw AuthError(.storage, "no key parameters") }
    let jwks = #"{"keys":[{"kty":"EC","crv":"P-256","alg":"ES256","kid":"ext-1","x":"\#(x)","y":"\#(y)"}]}"#
    let router = Router()
    router.get("/jwks") { _, _ in jwks }
    let (bound, continuation) = AsyncStream<Int>.makeStream()
    let app = Application(
      router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { channel in
        continuation.yield(channel.localAddress?.port ?? 0)
        continuation.finish()
      })
    let logger = Logger(label: "jwks")
    let jwksGroup = ServiceGroup(services: [app], logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await jwksGroup.run() }
      var port = 0
      for await value in bound { port = value }
      let external = ExternalIssuer(
        issuer: "https://idp.test", jwksURL: "http://127.0.0.1:\(port)/jwks", audience: "vane")
      let signer = JWTKeyCollection()
      await signer.add(ecdsa: key, kid: "ext-1")
      func token(audience: String, expires: TimeInterval) async throws -> String {
        try await signer.sign(
          AccessClaims(
            sub: "alice@idp", iss: IssuerClaim(value: "https://idp.test"), aud: AudienceClaim(value: [audience]),
            exp: ExpirationClaim(value: Date().addingTimeInterval(expires)), iat: nil, jti: nil, scope: nil),
          kid: "ext-1")
      }
      try await Self.run(external: external) { harness in
        var clients = harness.clients
        try clients.grantExternal(subject: "alice@idp", issuer: "https://idp.test", roles: ["a": .read])
        let good = try await harness.tokens.principal(forToken: try await token(audience: "vane", expires: 60))
        #expect(good == Principal(subject: "alice@idp", issuer: "https://idp.test", roles: ["a": .read]))
        await #expect(throws: AuthError.self) {
          try await harness.tokens.principal(forToken: try await token(audience: "other", expires: 60))
        }
        await #expect(throws: AuthError.self) {
          try await harness.tokens.principal(forToken: try await token(audience: "vane", expires: -5))
        }
      }
      await jwksGroup.triggerGracefulShutdown()
      try await tasks.waitForAll()
    }
  }
}
