import GRPCCore
import GRPCProtobuf
import SwiftProtobuf
import VaneAdminStore

extension RPCRouter {
  /// Registers a unary protobuf method whose handler throws `AdminError`s; they reach the
  /// client as the matching gRPC status with the error's message.
  ///
  /// The request is refused with `RESOURCE_EXHAUSTED` before it is decoded when it is larger
  /// than `ServerLimits.requestBytes(for:)` of the limits in `ServerLimits.registering` (set
  /// by `AdminServer` while the services register), so every method registered through here —
  /// also ones added later — has its size limit.
  mutating func unary<Input: SwiftProtobuf.Message & Sendable, Output: SwiftProtobuf.Message & Sendable>(
    _ descriptor: MethodDescriptor, _ handler: @escaping @Sendable (Input) async throws(AdminError) -> Output
  ) {
    let limit = ServerLimits.registering.requestBytes(for: descriptor.method)
    registerHandler(
      forMethod: descriptor,
      deserializer: LimitedDeserializer(base: ProtobufDeserializer<Input>(), limit: limit, method: descriptor.method),
      serializer: ProtobufSerializer<Output>()
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

/// A deserializer that refuses messages over a size before decoding them.
struct LimitedDeserializer<Base: MessageDeserializer>: MessageDeserializer {
  let base: Base
  let limit: Int
  let method: String

  func deserialize<Bytes: GRPCContiguousBytes>(_ serializedMessageBytes: Bytes) throws -> Base.Message {
    guard serializedMessageBytes.count <= limit else {
      throw RPCError(
        code: .resourceExhausted,
        message:
          "\(method) requests are limited to \(limit) bytes, this one has \(serializedMessageBytes.count) "
          + "(limits in docs/configuration.md)")
    }
    return try base.deserialize(serializedMessageBytes)
  }
}

extension ServerLimits {
  /// The limits methods registered now are held to; `AdminServer` sets it around building
  /// its gRPC server.
  @TaskLocal static var registering = ServerLimits()
}
