import FlyteIDL
import Foundation
public import SwiftProtobuf

extension DataStore {
  /// Reads and decodes a protobuf message stored at `uri` (for example a `core.LiteralMap` in
  /// `outputs.pb`); `DataError.Code.corrupt` when the bytes are not that message.
  public func readMessage<M: SwiftProtobuf.Message>(
    _ type: M.Type, from uri: DataURI
  ) async throws(DataError) -> M {
    let data = try await read(uri)
    do {
      return try M(serializedBytes: data)
    } catch {
      throw DataError(
        .corrupt,
        "the stored bytes (\(data.count) bytes) are not a valid \(M.protoMessageName): \(error)",
        uri: uri)
    }
  }

  /// Encodes `message` deterministically (map entries sorted, as flytekit writes them) and
  /// stores it at `uri` atomically.
  public func writeMessage(
    _ message: some SwiftProtobuf.Message, to uri: DataURI
  ) async throws(DataError) {
    try await write(try Self.encode(message, for: uri), to: uri)
  }

  /// Like `writeMessage`, but staged: durable after the next `flush()`.
  public func stageMessage(
    _ message: some SwiftProtobuf.Message, to uri: DataURI
  ) async throws(DataError) {
    try await stage(try Self.encode(message, for: uri), to: uri)
  }

  private static func encode(_ message: some SwiftProtobuf.Message, for uri: DataURI) throws(DataError) -> Data {
    do {
      return try message.deterministicBinary()
    } catch {
      throw DataError(
        .encodingFailed, "could not encode \(type(of: message).protoMessageName): \(error)",
        uri: uri)
    }
  }
}
