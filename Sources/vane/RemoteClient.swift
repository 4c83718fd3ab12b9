import FlyteIDL
import FlyteIDLGRPC
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2

/// A gRPC connection to `vane serve` (or any FlyteAdmin) for the remote commands.
struct RemoteClient {
  typealias Admin = Flyteidl_Service_AdminService.Client<HTTP2ClientTransport.Posix>
  typealias Signals = Flyteidl_Service_SignalService.Client<HTTP2ClientTransport.Posix>

  let host: String
  let port: Int

  /// `host:port` (an `dns:///` prefix, as in flytekit configs, is accepted).
  init(endpoint: String) throws {
    var text = endpoint
    for prefix in ["dns:///", "grpc://", "http://"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
    guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
      (1...65535).contains(port), colon != text.startIndex
    else {
      throw CLIFailure.badInput("'\(endpoint)' is not an endpoint; write host:port, e.g. 127.0.0.1:8089")
    }
    self.host = String(text[..<colon])
    self.port = port
  }

  var endpoint: String { "\(host):\(port)" }

  /// Calls fail instead of waiting for a server that is not there.
  var options: CallOptions {
    var options = CallOptions.defaults
    options.timeout = .seconds(60)
    options.waitForReady = false
    return options
  }

  /// Runs `body` with a connected admin client; gRPC failures become `CLIFailure`s (exit 2
  /// for a bad request or unknown id, 1 otherwise).
  func withAdmin<T: Sendable>(_ body: (Admin) async throws -> T) async throws -> T {
    try await withConnection { client in try await body(Admin(wrapping: client)) }
  }

  /// Runs `body` with a connected signal client; failures as for `withAdmin`.
  func withSignals<T: Sendable>(_ body: (Signals) async throws -> T) async throws -> T {
    try await withConnection { client in try await body(Signals(wrapping: client)) }
  }

  private func withConnection<T: Sendable>(
    _ body: (GRPCClient<HTTP2ClientTransport.Posix>) async throws -> T
  ) async throws -> T {
    do {
      return try await withGRPCClient(
        transport: .http2NIOPosix(target: .dns(host: host, port: port), transportSecurity: .plaintext)
      ) { client in
        try await body(client)
      }
    } catch let error as RPCError {
      throw failure(error)
    }
  }

  func failure(_ error: RPCError) -> CLIFailure {
    switch error.code {
    case .unavailable, .deadlineExceeded:
      CLIFailure(
        exitCode: 1,
        description: "cannot reach vane serve at \(endpoint) (\(error.message)); start it or pass --endpoint host:port")
    case .notFound, .invalidArgument, .alreadyExists, .failedPrecondition:
      CLIFailure(exitCode: 2, description: "\(error.code): \(error.message)")
    default:
      CLIFailure(exitCode: 1, description: "\(error.code): \(error.message)")
    }
  }
}
