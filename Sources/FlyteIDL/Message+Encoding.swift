public import Foundation
public import SwiftProtobuf

extension SwiftProtobuf.Message {
  /// Binary encoding with map entries sorted by key, so equal messages give equal bytes —
  /// the same bytes flytekit writes with `SerializeToString(deterministic=True)`.
  public func deterministicBinary() throws -> Data {
    var options = BinaryEncodingOptions()
    options.useDeterministicOrdering = true
    return try serializedBytes(options: options)
  }

  /// Protobuf JSON with map entries sorted by key and field names as in the `.proto` files
  /// when `protoNames` is set (flytekit's `MessageToJson` uses lowerCamelCase by default).
  public func deterministicJSON(protoNames: Bool = false) throws -> Data {
    var options = JSONEncodingOptions()
    options.useDeterministicOrdering = true
    options.preserveProtoFieldNames = protoNames
    return try jsonUTF8Data(options: options)
  }
}
