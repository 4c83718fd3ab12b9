import Foundation
import GRPCCore
import HTTPTypes

/// Why a REST call did not reach the service or what the service answered instead of a
/// response: a gRPC status code and message, sent as grpc-gateway sends errors —
/// `{"code": 3, "message": "…", "details": []}` with the HTTP status it maps the code to.
struct GatewayFailure: Error, Sendable {
  let code: RPCError.Code
  let message: String

  init(_ code: RPCError.Code, _ message: String) {
    self.code = code
    self.message = message
  }

  /// grpc-gateway's mapping of gRPC codes to HTTP statuses (`runtime.HTTPStatusFromCode`).
  var httpStatus: HTTPResponse.Status {
    switch code {
    case .cancelled: HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request")
    case .invalidArgument, .failedPrecondition, .outOfRange: .badRequest
    case .deadlineExceeded: .gatewayTimeout
    case .notFound: .notFound
    case .alreadyExists, .aborted: .conflict
    case .permissionDenied: .forbidden
    case .unauthenticated: .unauthorized
    case .resourceExhausted: .tooManyRequests
    case .unimplemented: .notImplemented
    case .unavailable: .serviceUnavailable
    default: .internalServerError
    }
  }

  /// The error body: the code's number, the message, no details.
  var body: Data {
    let object: [String: Any] = ["code": code.rawValue, "message": message, "details": [Any]()]
    return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
  }
}
