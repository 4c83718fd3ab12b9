import FlyteIDL
import FlyteIDLGRPC
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import ServiceLifecycle
import VaneAdmin
import VaneAdminStore
import VaneServer
import VaneStore

typealias AdminClient = Flyteidl_Service_AdminService.Client<HTTP2ClientTransport.Posix>

/// A real admin server on 127.0.0.1 (ports picked by the system) over a fresh SQLite file,
/// with a grpc-swift client connected to it.
enum AdminHarness {
  static func run(
    budget: ResponseBudget = ResponseBudget(), _ body: (AdminClient, AdminServer.Ports, String) async throws -> Void
  ) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vane-admin-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let database = try SQLiteDatabase(path: directory + "/vane.db")
    let store = try SQLAdminStore(sqlite: database)
    try await ProjectDirectory(store: store).ensureDefaultProject()
    let logger = Logger(label: "test")
    let server = try AdminServer(
      configuration: .init(grpcPort: 0, httpPort: 0, dataDirectory: directory),
      admin: AdminComponents(store: store, engine: nil, logger: logger, budget: budget), logger: logger)
    let group = ServiceGroup(services: server.services, logger: logger)
    try await withThrowingTaskGroup(of: Void.self) { tasks in
      tasks.addTask { try await group.run() }
      let ports = try await server.listening()
      try await withGRPCClient(
        transport: .http2NIOPosix(
          target: .ipv4(address: "127.0.0.1", port: ports.grpc), transportSecurity: .plaintext)
      ) { client in
        try await body(AdminClient(wrapping: client), ports, directory)
      }
      await group.triggerGracefulShutdown()
      try await tasks.waitForAll()
    }
    database.close()
  }

  /// The gRPC status code `body` fails with (nil when it succeeds).
  static func code(_ body: () async throws -> Void) async -> (RPCError.Code?, String) {
    do {
      try await body()
      return (nil, "")
    } catch let error as RPCError {
      return (error.code, error.message)
    } catch {
      return (.unknown, "\(error)")
    }
  }
}
