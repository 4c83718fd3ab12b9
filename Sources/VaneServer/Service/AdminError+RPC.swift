public import GRPCCore
public import VaneAdminStore
import VaneModel

extension AdminError.Code {
  /// The gRPC status code this code is reported with.
  public var rpcCode: RPCError.Code {
    switch self {
    case .invalidArgument: .invalidArgument
    case .notFound: .notFound
    case .alreadyExists: .alreadyExists
    case .failedPrecondition: .failedPrecondition
    case .permissionDenied: .permissionDenied
    case .resourceExhausted: .resourceExhausted
    case .unimplemented: .unimplemented
    case .internalError: .internalError
    }
  }
}

extension AdminError {
  /// The error as a gRPC status: its code, and `<at>: <message>` as the status message.
  public var rpcError: RPCError { RPCError(code: code.rpcCode, message: description) }
}
