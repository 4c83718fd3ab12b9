import FlyteIDL
import SwiftProtobuf

/// Short text for bindings, operands and conditions as they appear in `vane compile` output.
enum BindingText {
  static func describe(_ binding: Flyteidl_Core_BindingData) -> String {
    switch binding.value {
    case .promise(let reference)?:
      return promise(reference)
    case .scalar(let scalar)?:
      return LiteralText.scalar(scalar)
    case .collection(let collection)?:
      return "[" + collection.bindings.map(describe).joined(separator: ", ") + "]"
    case .map(let map)?:
      let entries = map.bindings.keys.sorted().map { "\($0): \(map.bindings[$0].map(describe) ?? "?")" }
      return "{" + entries.joined(separator: ", ") + "}"
    case .offloadedMetadata?:
      return "<offloaded>"
    case nil:
      return "<unset>"
    }
  }

  static func promise(_ reference: Flyteidl_Core_OutputReference) -> String {
    let source = reference.nodeID.isEmpty || reference.nodeID == "start-node" ? "" : reference.nodeID + "."
    let path = reference.attrPath.map { attribute -> String in
      switch attribute.value {
      case .stringValue(let key)?: return ".\(key)"
      case .intValue(let index)?: return "[\(index)]"
      case nil: return ""
      }
    }
    return source + reference.var + path.joined()
  }
}

/// Text for literal scalars in bindings and conditions.
enum LiteralText {
  static func scalar(_ scalar: Flyteidl_Core_Scalar) -> String {
    switch scalar.value {
    case .primitive(let primitive)?: return self.primitive(primitive)
    case .noneType?: return "None"
    case .blob(let blob)?: return "blob(\(blob.uri))"
    case .structuredDataset(let dataset)?: return "dataset(\(dataset.uri))"
    case .union(let union)?: return union.hasValue ? literal(union.value) : "None"
    case .generic?: return "{…}"
    case .binary(let binary)?: return "binary(\(binary.tag), \(binary.value.count) bytes)"
    case .error(let error)?: return "error(\(error.message))"
    case .schema(let schema)?: return "schema(\(schema.uri))"
    case nil: return "<unset>"
    }
  }

  static func literal(_ literal: Flyteidl_Core_Literal) -> String {
    switch literal.value {
    case .scalar(let value)?: return scalar(value)
    case .collection(let collection)?: return "[" + collection.literals.map(self.literal).joined(separator: ", ") + "]"
    case .map(let map)?:
      return "{"
        + map.literals.keys.sorted().map { "\($0): \(map.literals[$0].map(self.literal) ?? "?")" }
        .joined(separator: ", ") + "}"
    case .offloadedMetadata?: return "<offloaded>"
    case nil: return "<unset>"
    }
  }

  static func primitive(_ primitive: Flyteidl_Core_Primitive) -> String {
    switch primitive.value {
    case .integer(let value)?: return String(value)
    case .floatValue(let value)?: return String(value)
    case .stringValue(let value)?: return "\"\(value)\""
    case .boolean(let value)?: return value ? "True" : "False"
    case .datetime(let value)?: return "datetime(\(value.seconds)s)"
    case .duration(let value)?: return DurationText.describe(value)
    case nil: return "<unset>"
    }
  }
}

/// Text for durations: `90s`, `1.5s`.
enum DurationText {
  static func describe(_ duration: Google_Protobuf_Duration) -> String {
    if duration.nanos == 0 { return "\(duration.seconds)s" }
    return "\(Double(duration.seconds) + Double(duration.nanos) / 1e9)s"
  }
}
