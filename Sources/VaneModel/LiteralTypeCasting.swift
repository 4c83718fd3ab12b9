public import FlyteIDL

/// Decides whether a value of one Flyte type may be passed where another is expected.
///
/// The rules are Flyte 1.16's (`validators/typing.go` in FlytePropeller): the compiler uses them
/// for bindings, and the engine for run-time inputs, so both agree on what is accepted.
///
/// - Simple types must match exactly (metadata, annotation and structure are ignored), except
///   that `str` and enums pass into each other.
/// - A type carrying a structure tag only passes into a type with the same tag.
/// - `STRUCT` into `STRUCT`: accepted when either side has no JSON-schema metadata, when the
///   schemas are equal, or when the upstream schema is a sub-schema of the downstream one.
/// - Collections and maps recurse on their element types; a collection or map of `none`
///   passes into any collection or map.
/// - Blobs: formats must match unless either is empty (dimensionality is not compared).
/// - Structured datasets: formats must match unless either is empty; columns of the
///   downstream type must exist upstream with castable types (no columns on either side:
///   accepted). Schemas convert to and from structured datasets in `parquet`.
/// - Unions: a non-union type must fit exactly one variant; a union must have every variant
///   fit some downstream variant. A single-variant union upstream is unwrapped first.
/// - `none` passes into `none`, into structured datasets, and into unions with a `none` variant.
public enum LiteralTypeCasting {
  /// Whether a value of type `upstream` may be bound where `downstream` is expected.
  public static func isCastable(
    _ upstream: Flyteidl_Core_LiteralType, to downstream: Flyteidl_Core_LiteralType
  ) -> Bool {
    if case .unionType(let union)? = upstream.type, union.variants.count == 1,
      castsFrom(union.variants[0], into: downstream)
    {
      return true
    }
    return castsFrom(upstream, into: downstream)
  }

  /// Whether `type` is the simple `NONE` type.
  public static func isNone(_ type: Flyteidl_Core_LiteralType) -> Bool {
    if case .simple(.none)? = type.type { return true }
    return false
  }

  /// Whether `type` is a union with a `none` variant (an `Optional` in Python).
  public static func isOptional(_ type: Flyteidl_Core_LiteralType) -> Bool {
    guard case .unionType(let union)? = type.type else { return false }
    return union.variants.contains(where: isNone)
  }

  static func castsFrom(
    _ upstream: Flyteidl_Core_LiteralType, into downstream: Flyteidl_Core_LiteralType
  ) -> Bool {
    switch downstream.type {
    case .collectionType(let element)?:
      guard case .collectionType(let upElement)? = upstream.type else { return false }
      return isNone(upElement) || castsFrom(upElement, into: element)
    case .mapValueType(let value)?:
      guard case .mapValueType(let upValue)? = upstream.type else { return false }
      return isNone(upValue) || castsFrom(upValue, into: value)
    case .blob(let blob)?:
      guard case .blob(let upBlob)? = upstream.type else { return false }
      return upBlob.format.isEmpty || blob.format.isEmpty || upBlob.format == blob.format
    case .schema(let schema)?:
      return schemaCastsFrom(upstream, into: schema)
    case .structuredDatasetType(let dataset)?:
      return structuredDatasetCastsFrom(upstream, into: dataset)
    case .unionType(let union)?:
      return unionCastsFrom(upstream, into: union)
    case .simple(.none)?:
      return isNone(upstream)
    default:
      return trivialCastsFrom(upstream, into: downstream)
    }
  }

  private static func unionCastsFrom(
    _ upstream: Flyteidl_Core_LiteralType, into union: Flyteidl_Core_UnionType
  ) -> Bool {
    if case .unionType(let upUnion)? = upstream.type {
      return upUnion.variants.allSatisfy { variant in
        union.variants.contains { isCastable(variant, to: $0) }
      }
    }
    return union.variants.filter { isCastable(upstream, to: $0) }.count == 1
  }

  private static func trivialCastsFrom(
    _ upstream: Flyteidl_Core_LiteralType, into downstream: Flyteidl_Core_LiteralType
  ) -> Bool {
    if case .enumType? = upstream.type, case .simple(.string)? = downstream.type { return true }
    if case .enumType? = downstream.type, case .simple(.string)? = upstream.type { return true }
    let upTag = tag(of: upstream)
    if !upTag.isEmpty && tag(of: downstream) != upTag { return false }
    if case .simple(.struct)? = upstream.type, case .simple(.struct)? = downstream.type {
      guard upstream.hasMetadata, downstream.hasMetadata else { return true }
      return upstream.metadata == downstream.metadata
        || JSONSchemaCompatibility.isSubschema(upstream.metadata, of: downstream.metadata)
    }
    return stripped(upstream) == stripped(downstream)
  }

  private static func tag(of type: Flyteidl_Core_LiteralType) -> String {
    type.hasStructure ? type.structure.tag : ""
  }

  private static func stripped(_ type: Flyteidl_Core_LiteralType) -> Flyteidl_Core_LiteralType {
    var copy = type
    copy.clearStructure()
    copy.clearMetadata()
    copy.clearAnnotation()
    return copy
  }
}
