import Foundation
import GRPCCore
import GRPCInProcessTransport
import GRPCProtobuf
import SwiftProtobuf

/// One gRPC method made callable with JSON or binary protobuf: decodes the request, calls the
/// method on the server's in-process client (so it passes the same interceptors — auth,
/// limits — as a call over the network), and encodes the answer. A status the service
/// answers is thrown as a `GatewayFailure` with its code and message.
struct GatewayCall: Sendable {
  enum Encoding: Sendable {
    /// Proto3 JSON; answers use the proto field names and print unset fields, as FlyteAdmin's
    /// gateway marshaler (`UseProtoNames`, `EmitUnpopulated`; `GatewaySchema` fills in what
    /// SwiftProtobuf's encoder leaves out).
    case json
    /// `application/octet-stream`: binary protobuf both ways.
    case binary
  }

  typealias Client = GRPCClient<InProcessTransport.Client>

  let method: MethodDescriptor
  /// The answer's message name (`flyteidl.admin.Execution`).
  let outputName: String
  private let invoke: @Sendable (Client, Data, Encoding, Data?, Metadata) async throws(GatewayFailure) -> Data

  /// `json` is the request assembled from path, query and body (`GatewayRequest`); with the
  /// binary encoding, `binaryBody` is the body's message, which the path variables of `json`
  /// are merged over.
  init<Input: SwiftProtobuf.Message & Sendable, Output: SwiftProtobuf.Message & Sendable>(
    _ input: Input.Type, _ output: Output.Type, _ method: MethodDescriptor
  ) {
    self.method = method
    outputName = Output.protoMessageName
    invoke = { client, json, encoding, binaryBody, metadata throws(GatewayFailure) in
      var request: Input
      do {
        var decoding = JSONDecodingOptions()
        decoding.messageDepthLimit = 100
        request = try Input(jsonUTF8Data: json, options: decoding)
        if encoding == .binary, let binaryBody {
          var fromBody = try Input(serializedBytes: binaryBody)
          try fromBody.merge(serializedBytes: try request.serializedBytes() as [UInt8])
          request = fromBody
        }
      } catch {
        throw GatewayFailure(.invalidArgument, "the request is not a valid \(Input.protoMessageName): \(error)")
      }
      let response: Output
      do {
        response = try await client.unary(
          request: ClientRequest(message: request, metadata: metadata), descriptor: method,
          serializer: ProtobufSerializer<Input>(), deserializer: ProtobufDeserializer<Output>(), options: .defaults
        ) { try $0.message }
      } catch let error as RPCError {
        throw GatewayFailure(error.code, error.message)
      } catch {
        throw GatewayFailure(.internalError, "\(method): \(error)")
      }
      do {
        switch encoding {
        case .binary:
          return try response.serializedBytes()
        case .json:
          var options = JSONEncodingOptions()
          options.preserveProtoFieldNames = true
          return GatewaySchema.flyte.filled(try response.jsonUTF8Data(options: options), type: Output.protoMessageName)
        }
      } catch {
        throw GatewayFailure(.internalError, "the answer of \(method) cannot be encoded: \(error)")
      }
    }
  }

  func callAsFunction(
    _ client: Client, json: Data, encoding: Encoding, binaryBody: Data?, metadata: Metadata
  ) async throws(GatewayFailure) -> Data {
    try await invoke(client, json, encoding, binaryBody, metadata)
  }
}
