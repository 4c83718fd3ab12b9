import Foundation
import GRPCNIOTransportHTTP2
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL

/// TLS for both ports from one PEM certificate chain and key (`server.tls_certificate`,
/// `server.tls_key`). The files are read at start so a wrong path or a key that does not
/// match fails `vane serve` with a message instead of failing every handshake later.
struct ServerTLS {
  let grpc: HTTP2ServerTransport.Posix.TransportSecurity
  let http: HTTPServerBuilder

  /// Nil when neither is configured; an error when only one is, or they cannot be loaded.
  init?(certificate: String?, key: String?) throws(ServeError) {
    switch (certificate, key) {
    case (nil, nil): return nil
    case (let certificate?, let key?):
      do {
        let chain = try NIOSSLCertificate.fromPEMFile(certificate)
        let privateKey = try NIOSSLPrivateKey(file: key, format: .pem)
        guard !chain.isEmpty else {
          throw ServeError(.badSecurity, "the file holds no PEM certificate", at: certificate)
        }
        grpc = .tls(
          certificateChain: [.file(path: certificate, format: .pem)],
          privateKey: .file(path: key, format: .pem))
        var configuration = TLSConfiguration.makeServerConfiguration(
          certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
        configuration.applicationProtocols = ["http/1.1"]
        http = try .tls(ServerLimits.http1, tlsConfiguration: configuration)
      } catch let error as ServeError {
        throw error
      } catch {
        throw ServeError(.badSecurity, "cannot load the TLS certificate or key: \(error)", at: "\(certificate), \(key)")
      }
    default:
      throw ServeError(
        .badSecurity, "set both server.tls_certificate and server.tls_key (or neither)", at: "server.tls_*")
    }
  }
}
