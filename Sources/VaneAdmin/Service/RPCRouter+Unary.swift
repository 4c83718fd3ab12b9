import GRPCCore
import GRPCProtobuf
import SwiftProtobuf

extension RPCRouter {
  /// Registers a unary protobuf method whose handler throws `AdminError`s; they reach the
  /// client as the matching gRPC status with the error's message.
  mutating func unary<Input: SwiftProtobuf.Message & Sendable, Output: SwiftProtobuf.Message & Sendable>(
    _ descriptor: MethodDescriptor, _ handler: @escaping @Sendable (Input) async throws(AdminError) -> Output
  ) {
    registerHandler(
      forMethod: descriptor, deserializer: ProtobufDeserializer<Input>(), serializer: ProtobufSerializer<Output>()
    ) { request, _ in
      let single = try await ServerRequest(stream: request)
      do throws(AdminError) {
        let output = try await handler(single.message)
        return StreamingServerResponse(single: ServerResponse(message: output, metadata: [:]))
      } catch {
        throw error.rpcError
      }
    }
  }
}
