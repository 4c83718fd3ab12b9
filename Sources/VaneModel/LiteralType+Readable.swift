public import FlyteIDL
import SwiftProtobuf

extension Flyteidl_Core_LiteralType {
  /// A short, Python-flavoured rendering for error messages: `int`, `list[str]`,
  /// `dict[str, float]`, `union[int, none]`, `blob(csv, multipart)`, `enum[a, b]`,
  /// `struct(MyDataclass)`, `structured_dataset(parquet)`.
  public var readable: String {
    switch type {
    case .simple(let simple)?:
      if simple == .struct, hasMetadata, case .stringValue(let title)? = metadata.fields["title"]?.kind {
        return "struct(\(title))"
      }
      return simple.readable
    case .collectionType(let element)?:
      return "list[\(element.readable)]"
    case .mapValueType(let value)?:
      return "dict[str, \(value.readable)]"
    case .blob(let blob)?:
      let dimension = blob.dimensionality == .multipart ? "multipart" : "single"
      return "blob(\(blob.format.isEmpty ? "any format" : blob.format), \(dimension))"
    case .enumType(let values)?:
      return "enum[\(values.values.joined(separator: ", "))]"
    case .unionType(let union)?:
      return "union[\(union.variants.map(\.readable).joined(separator: ", "))]"
    case .schema?:
      return "schema"
    case .structuredDatasetType(let dataset)?:
      return "structured_dataset(\(dataset.format.isEmpty ? "any format" : dataset.format))"
    case nil:
      return "<no type>"
    }
  }
}

extension Flyteidl_Core_SimpleType {
  /// The Python-ish name of a simple type.
  public var readable: String {
    switch self {
    case .none: "none"
    case .integer: "int"
    case .float: "float"
    case .string: "str"
    case .boolean: "bool"
    case .datetime: "datetime"
    case .duration: "timedelta"
    case .binary: "bytes"
    case .error: "error"
    case .struct: "struct"
    case .UNRECOGNIZED(let value): "simple(\(value))"
    }
  }
}
