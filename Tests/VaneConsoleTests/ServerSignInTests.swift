import AsyncHTTPClient
import FlyteIDL
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Synchronization
import Testing
import VaneAdmin
import VaneAdminStore
import VaneConsole
import VaneServer
import VaneStore
import VaneTesting

/// The console on an `AdminServer` with authentication on, over real HTTP: sign-in verifies
/// through the server's own gate, the token's roles become the viewer's, and every page and
/// action checks them.
@Suite struct ServerSignInTests {
  /// Audit records kept in memory, to see what the console recorded.
  final class Recorded: AuditSink {
    let records = Mutex<[AuditRecord]>([])
    func record(_ record: AuditRecord) { records.withLock { $0.append(record) } }
    var all: [AuditRecord] { records.withLock { $0 } }
  }

  struct Harness {
    let base: String
    let tokens: AccessTokens
    let secrets: [String: String]
    let audit: Recorded
    let http: HTTPClient

    func token(_ client: String) async throws -> String {
      try await tokens.issue(clientID: client, secret: secrets[client] ?? "").token
    }

    func send(
      _ method: HTTPMethod, _ path: String, cookie: String? = nil, form: [String: String]? = nil
    ) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
      var request = HTTPClientRequest(url: base + path)
      request.method = method
      if let cookie { request.headers.add(name: "Cookie", value: cookie) }
      if let form {
        let text = form.map {
          "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: text.joined(separator: "&")))
      }
      let response = try await http.execute(request, timeout: .seconds(30))
      let body = try await response.body.collect(upTo: 8 << 20)
      return (Int(response.status.code), response.headers, String(buffer: body))
    }

    /// Signs `client` in; the session cookie (`name=value`).
    func signIn(_ client: String) async throws -> String {
      let answer = try await send(
        .POST, "/console/login", form: ["token": try await token(client), "next": "/console"])
      #expect(answer.status == 303 || answer.status == 302)
      let cookie = try #require(answer.headers["Set-Cookie"].first)
      #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
      return String(cookie.prefix { $0 != ";" })
    }
  }

  static func run(_ body: (Harness) async throws -> Void) async throws {
    let temporary = try TemporaryDirectory("vane-console-auth")
    defer { temporary.remove() }
    let directory = temporary.path
    var clients = try ClientDirectory.load(dataDirectory: directory)
    let secrets = [
      "reader-a": try clients.create(id: "reader-a", roles: ["a": .read]),
      "writer-b": try clients.create(id: "writer-b", roles: ["b": .write]),
    ]
    let database = try SQLiteDatabase(path: directory + "/vane.db")
    defer { database.close() }
    let store = try SQLAdminStore(sqlite: database)
    let logger = Logger(label: "test")
    let admin = AdminComponents(store: store, engine: nil, logger: logger)
    for id in ["a", "b"] {
      var project = Flyteidl_Admin_Project()
      (project.id, project.name) = (id, id)
      try await admin.projects.register(project)
    }
    let tokens = await AccessTokens(
      keys: try SigningKeys.loadOrCreate(dataDirectory: directory),
      clients: try ClientRegistry(dataDirectory: directory, recheck: .zero), issuer: { "vane-test" },
      audience: "vane", lifetime: .seconds(600))
    let audit = Recorded()
    let gate = AccessGate(verifier: tokens, audit: audit)
    var console = try Console(
      admin: admin, layout: DotLayout(), live: LiveUpdates(), logs: LogReaders([]),
      access: ServerSignIn.access(gate: gate, secureCookies: false), logger: logger)
    console.audit = audit
    let server = try AdminServer(
      configuration: .init(grpcPort: 0, httpPort: 0, dataDirectory: directory), admin: admin, logger: logger,
      endpoints: [ConsoleEndpoint(console: console)],
      security: ServerSecurity(
        tokens: tokens, gate: gate, metadata: OAuthMetadata(issuer: { "vane-test" }, audience: "vane"),
        audit: try AuditLog(path: AuditLog.path(dataDirectory: directory))))
    let http = HTTPClient(configuration: .init(redirectConfiguration: .disallow))
    let group = ServiceGroup(services: server.services, logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      let ports = try await server.listening()
      let harness = Harness(
        base: "http://127.0.0.1:\(ports.http)", tokens: tokens, secrets: secrets, audit: audit, http: http)
      do {
        try await body(harness)
      } catch {
        await group.triggerGracefulShutdown()
        try await http.shutdown()
        throw error
      }
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
    }
    try await http.shutdown()
  }

  @Test func aTokensRolesBecomeTheViewers() {
    let principal = Principal(subject: "ci", issuer: "vane", roles: ["a": .read, "b": .write, "*": .read])
    let viewer = ServerSignIn.viewer(principal)
    #expect(viewer.subject == "ci" && viewer.signedIn)
    #expect(viewer.roles == ["a": .read, "b": .write, "*": .read])
    #expect(viewer.may(.read, in: "elsewhere") && !viewer.may(.write, in: "a") && viewer.may(.write, in: "b"))
  }

  @Test func withoutASessionPagesSendToSignInAndActionsAreRefused() async throws {
    try await Self.run { harness in
      let home = try await harness.send(.GET, "/console/projects/a/domains/development/executions")
      #expect(home.status == 303 || home.status == 302)
      #expect(home.headers["Location"].first?.hasPrefix("/console/login") == true)
      #expect(try await harness.send(.GET, "/console/login").status == 200)
      let action = try await harness.send(
        .POST, "/console/projects/a/domains/development/executions/x/abort", form: ["_csrf": "x"])
      #expect(action.status == 401)
      let forged = try await harness.send(.POST, "/console/login", form: ["token": "a.b.c"])
      #expect(forged.status == 401 && forged.headers["Set-Cookie"].isEmpty)
      #expect(harness.audit.all.contains { $0.action == "sign in" && $0.outcome == .unauthenticated })
      // Other routes still want a bearer token.
      #expect(try await harness.send(.GET, "/metrics").status == 401)
    }
  }

  @Test func aReaderOfOneProjectCannotSeeOrActOnAnother() async throws {
    try await Self.run { harness in
      let cookie = try await harness.signIn("reader-a")
      let projects = try await harness.send(.GET, "/console/projects", cookie: cookie)
      #expect(projects.status == 200)
      #expect(projects.body.contains("/console/projects/a/") && !projects.body.contains("/console/projects/b/"))
      let other = try await harness.send(.GET, "/console/projects/b/domains/development/executions", cookie: cookie)
      #expect(other.status == 403)
      let csrf = try #require(
        projects.body.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) })
      for project in ["a", "b"] {
        let abort = try await harness.send(
          .POST, "/console/projects/\(project)/domains/development/executions/x/abort", cookie: cookie,
          form: ["_csrf": csrf])
        #expect(abort.status == 403, "abort in \(project)")
      }
      let denied = harness.audit.all.filter { $0.subject == "reader-a" && $0.outcome == .denied }
      #expect(Set(denied.flatMap(\.projects)) == ["a", "b"])
      #expect(harness.audit.all.contains { $0.subject == "reader-a" && $0.action == "sign in" && $0.outcome == .ok })
    }
  }

  @Test func aWriterNeedsTheFormToken() async throws {
    try await Self.run { harness in
      let cookie = try await harness.signIn("writer-b")
      let abort = try await harness.send(
        .POST, "/console/projects/b/domains/development/executions/x/abort", cookie: cookie, form: ["cause": "x"])
      #expect(abort.status == 403)
      #expect(abort.body.contains("token"))
      #expect(
        harness.audit.all.contains { $0.subject == "writer-b" && $0.transport == "console" && $0.outcome == .denied })
    }
  }
}
