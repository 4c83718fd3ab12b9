public import FlyteIDL
import SwiftProtobuf

/// The Flyte type of a literal value, as Flyte 1.16 infers it (`validators/utils.go`): used to
/// check literal bindings at compile time and input values at run time.
public enum LiteralTypeInference {
  /// Message-pack encoded binary scalars carry this tag; they are `STRUCT`s (dataclasses).
  public static let messagePackTag = "msgpack"

  /// The type of a scalar, or nil when the scalar holds nothing recognisable.
  public static func type(of scalar: Flyteidl_Core_Scalar) -> Flyteidl_Core_LiteralType? {
    switch scalar.value {
    case .primitive(let primitive)?:
      return simple(type(of: primitive))
    case .blob(let blob)?:
      guard blob.hasMetadata else { return nil }
      return make(.blob(blob.metadata.type))
    case .binary(let binary)?:
      return simple(binary.tag == messagePackTag ? .struct : .binary)
    case .schema(let schema)?:
      return make(.schema(schema.type))
    case .structuredDataset(let dataset)?:
      guard dataset.hasMetadata else { return make(.structuredDatasetType(.init())) }
      return make(.structuredDatasetType(dataset.metadata.structuredDatasetType))
    case .noneType?:
      return simple(.none)
    case .error?:
      return simple(.error)
    case .generic?:
      return simple(.struct)
    case .union(let union)?:
      var unionType = Flyteidl_Core_UnionType()
      unionType.variants = [union.type]
      return make(.unionType(unionType))
    case nil:
      return nil
    }
  }

  /// The simple type of a primitive (`NONE` when the primitive is empty).
  public static func type(of primitive: Flyteidl_Core_Primitive) -> Flyteidl_Core_SimpleType {
    switch primitive.value {
    case .integer?: .integer
    case .floatValue?: .float
    case .stringValue?: .string
    case .boolean?: .boolean
    case .datetime?: .datetime
    case .duration?: .duration
    case nil: .none
    }
  }

  /// The type of a literal; collections and maps of mixed element types become unions.
  public static func type(of literal: Flyteidl_Core_Literal) -> Flyteidl_Core_LiteralType? {
    switch literal.value {
    case .scalar(let scalar)?:
      return type(of: scalar)
    case .collection(let collection)?:
      return make(.collectionType(elementType(of: collection.literals)))
    case .map(let map)?:
      let keys = map.literals.keys.sorted()
      return make(.mapValueType(elementType(of: keys.compactMap { map.literals[$0] })))
    case .offloadedMetadata(let offloaded)?:
      return offloaded.inferredType
    case nil:
      return nil
    }
  }

  private static func elementType(of literals: [Flyteidl_Core_Literal]) -> Flyteidl_Core_LiteralType {
    var distinct: [Flyteidl_Core_LiteralType] = []
    var emptyCollectionType: Flyteidl_Core_LiteralType?
    for literal in literals {
      let elementType = type(of: literal) ?? Flyteidl_Core_LiteralType()
      if case .collection(let inner)? = literal.value, inner.literals.isEmpty {
        emptyCollectionType = elementType
        continue
      }
      if !distinct.contains(elementType) { distinct.append(elementType) }
    }
    if distinct.isEmpty, let emptyCollectionType { distinct = [emptyCollectionType] }
    switch distinct.count {
    case 0: return simple(.none)
    case 1: return distinct[0]
    default: return union(of: distinct.sorted { $0.textFormatString() < $1.textFormatString() })
    }
  }

  private static func union(of types: [Flyteidl_Core_LiteralType]) -> Flyteidl_Core_LiteralType {
    var variants: [Flyteidl_Core_LiteralType] = []
    var nested = false
    for type in types {
      if case .collectionType(let element)? = type.type, case .unionType(let inner)? = element.type {
        nested = true
        variants.append(contentsOf: inner.variants)
      } else {
        variants.append(type)
      }
    }
    var unionType = Flyteidl_Core_UnionType()
    unionType.variants = variants
    let result = make(.unionType(unionType))
    return nested ? make(.collectionType(result)) : result
  }

  static func simple(_ type: Flyteidl_Core_SimpleType) -> Flyteidl_Core_LiteralType {
    make(.simple(type))
  }

  static func make(_ type: Flyteidl_Core_LiteralType.OneOf_Type) -> Flyteidl_Core_LiteralType {
    var literalType = Flyteidl_Core_LiteralType()
    literalType.type = type
    return literalType
  }
}
