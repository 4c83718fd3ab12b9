import Foundation
public import SwiftProtobuf

/// Compares the JSON schemas that flytekit stores in a `STRUCT` type's metadata (dataclasses and
/// Pydantic models).
///
/// Flyte 1.16 accepts an upstream schema into a downstream one when every value valid under the
/// upstream schema is also valid under the downstream one, and ignores schema keywords its
/// comparer does not implement. This is a deliberately small version of that check:
/// - `$ref`s to `#/...` (e.g. `#/$defs/Inner`) are resolved within their own document;
/// - `type` must be equal (a downstream list of types must contain every upstream type);
/// - objects: every downstream-required property must be required upstream, properties on both
///   sides must be compatible, and upstream extras are refused only when the downstream schema
///   sets `additionalProperties: false`;
/// - arrays: `items` must be compatible; `enum`: upstream values must be a subset;
/// - `anyOf`/`oneOf` upstream: every branch must fit downstream; downstream: some branch must fit.
/// Other keywords (formats, bounds, titles, descriptions) are ignored.
public enum JSONSchemaCompatibility {
  /// Whether every value valid under `upstream` is valid under `downstream`.
  public static func isSubschema(
    _ upstream: Google_Protobuf_Struct, of downstream: Google_Protobuf_Struct
  ) -> Bool {
    let up = Document(root: upstream)
    let down = Document(root: downstream)
    return compatible(up.resolve(upstream.fields), up, down.resolve(downstream.fields), down, depth: 0)
  }

  struct Document {
    let root: Google_Protobuf_Struct

    /// Follows a local `$ref` (at most a few hops) and returns the referenced object's fields.
    func resolve(_ fields: [String: Google_Protobuf_Value]) -> [String: Google_Protobuf_Value] {
      var current = fields
      var hops = 0
      while hops < 16, case .stringValue(let ref)? = current["$ref"]?.kind, ref.hasPrefix("#/") {
        guard let target = lookUp(pointer: ref) else { return current }
        current = target
        hops += 1
      }
      return current
    }

    private func lookUp(pointer: String) -> [String: Google_Protobuf_Value]? {
      var fields = root.fields
      for part in pointer.dropFirst(2).split(separator: "/") {
        let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        guard case .structValue(let next)? = fields[key]?.kind else { return nil }
        fields = next.fields
      }
      return fields
    }
  }

  private static func compatible(
    _ up: [String: Google_Protobuf_Value], _ upDoc: Document,
    _ down: [String: Google_Protobuf_Value], _ downDoc: Document, depth: Int
  ) -> Bool {
    if depth > 32 { return true }
    if let branches = alternatives(up) {
      return branches.allSatisfy {
        compatible(upDoc.resolve($0), upDoc, down, downDoc, depth: depth + 1)
      }
    }
    if let branches = alternatives(down) {
      return branches.contains {
        compatible(up, upDoc, downDoc.resolve($0), downDoc, depth: depth + 1)
      }
    }
    let upTypes = types(up)
    let downTypes = types(down)
    if !downTypes.isEmpty {
      if upTypes.isEmpty || !upTypes.isSubset(of: downTypes.union(downTypes.contains("number") ? ["integer"] : [])) {
        return false
      }
    }
    if case .listValue(let downEnum)? = down["enum"]?.kind {
      guard case .listValue(let upEnum)? = up["enum"]?.kind else { return false }
      if !upEnum.values.allSatisfy({ downEnum.values.contains($0) }) { return false }
    }
    if let downItems = object(down["items"]), let upItems = object(up["items"]) {
      if !compatible(upDoc.resolve(upItems), upDoc, downDoc.resolve(downItems), downDoc, depth: depth + 1) {
        return false
      }
    }
    return propertiesCompatible(up, upDoc, down, downDoc, depth: depth)
  }

  private static func propertiesCompatible(
    _ up: [String: Google_Protobuf_Value], _ upDoc: Document,
    _ down: [String: Google_Protobuf_Value], _ downDoc: Document, depth: Int
  ) -> Bool {
    let upProperties = object(up["properties"]) ?? [:]
    let downProperties = object(down["properties"]) ?? [:]
    let upRequired = strings(up["required"])
    if !strings(down["required"]).isSubset(of: upRequired) { return false }
    if case .boolValue(false)? = down["additionalProperties"]?.kind,
      !Set(upProperties.keys).isSubset(of: Set(downProperties.keys))
    {
      return false
    }
    for (name, downValue) in downProperties {
      guard let upValue = upProperties[name] else { continue }
      guard let upFields = object(upValue), let downFields = object(downValue) else { continue }
      if !compatible(upDoc.resolve(upFields), upDoc, downDoc.resolve(downFields), downDoc, depth: depth + 1) {
        return false
      }
    }
    return true
  }

  private static func alternatives(_ fields: [String: Google_Protobuf_Value]) -> [[String: Google_Protobuf_Value]]? {
    for key in ["anyOf", "oneOf"] {
      if case .listValue(let list)? = fields[key]?.kind {
        return list.values.compactMap { object($0) }
      }
    }
    return nil
  }

  private static func object(_ value: Google_Protobuf_Value?) -> [String: Google_Protobuf_Value]? {
    if case .structValue(let fields)? = value?.kind { return fields.fields }
    return nil
  }

  private static func strings(_ value: Google_Protobuf_Value?) -> Set<String> {
    guard case .listValue(let list)? = value?.kind else { return [] }
    return Set(list.values.compactMap { if case .stringValue(let text)? = $0.kind { text } else { nil } })
  }

  private static func types(_ fields: [String: Google_Protobuf_Value]) -> Set<String> {
    switch fields["type"]?.kind {
    case .stringValue(let type)?: return [type]
    case .listValue?: return strings(fields["type"])
    default: return []
    }
  }
}
