import Foundation
public import SwiftProtobuf

/// The projects a request names, found by walking the message: every `ProjectCarrying`
/// message (identifiers, list requests, attribute messages, …) within `maxDepth` levels of
/// singular fields. Repeated fields and maps are not entered: they hold graph nodes and
/// literals, not the project a call acts on, and walking them would cost in proportion to a
/// registered closure's size.
public enum ProjectReferences {
  /// How deep identifiers are looked for (`TaskExecutionGetRequest.id.nodeExecutionID.executionID`
  /// is three levels down).
  static let maxDepth = 4

  /// The non-empty project names `message` refers to.
  public static func of(_ message: some SwiftProtobuf.Message) -> Set<String> {
    var visitor = ProjectVisitor(depth: 0)
    if let carrying = message as? any ProjectCarrying { visitor.found(carrying.carriedProject) }
    try? message.traverse(visitor: &visitor)
    return visitor.projects
  }

  /// The projects of a message whose type is only known at run time (an interceptor's
  /// `Input`); empty for anything that is not a protobuf message.
  public static func of(any value: Any) -> Set<String> {
    guard let message = value as? any SwiftProtobuf.Message else { return [] }
    return of(message)
  }
}

/// Collects `ProjectCarrying` values; everything that is not a singular message is ignored.
struct ProjectVisitor: SwiftProtobuf.Visitor {
  let depth: Int
  var projects: Set<String> = []

  init(depth: Int) { self.depth = depth }

  mutating func found(_ project: String) {
    if !project.isEmpty { projects.insert(project) }
  }

  mutating func visitSingularMessageField<M: SwiftProtobuf.Message>(value: M, fieldNumber: Int) throws {
    if let carrying = value as? any ProjectCarrying { found(carrying.carriedProject) }
    guard depth + 1 < ProjectReferences.maxDepth else { return }
    var inner = ProjectVisitor(depth: depth + 1)
    try value.traverse(visitor: &inner)
    projects.formUnion(inner.projects)
  }

  mutating func visitRepeatedMessageField<M: SwiftProtobuf.Message>(value: [M], fieldNumber: Int) throws {}
  mutating func visitSingularGroupField<G: SwiftProtobuf.Message>(value: G, fieldNumber: Int) throws {}
  mutating func visitRepeatedGroupField<G: SwiftProtobuf.Message>(value: [G], fieldNumber: Int) throws {}
  mutating func visitSingularDoubleField(value: Double, fieldNumber: Int) throws {}
  mutating func visitSingularInt64Field(value: Int64, fieldNumber: Int) throws {}
  mutating func visitSingularUInt64Field(value: UInt64, fieldNumber: Int) throws {}
  mutating func visitSingularBoolField(value: Bool, fieldNumber: Int) throws {}
  mutating func visitSingularStringField(value: String, fieldNumber: Int) throws {}
  mutating func visitSingularBytesField(value: Data, fieldNumber: Int) throws {}
  mutating func visitSingularEnumField<E: SwiftProtobuf.Enum>(value: E, fieldNumber: Int) throws {}
  mutating func visitRepeatedStringField(value: [String], fieldNumber: Int) throws {}
  mutating func visitRepeatedBytesField(value: [Data], fieldNumber: Int) throws {}
  mutating func visitRepeatedEnumField<E: SwiftProtobuf.Enum>(value: [E], fieldNumber: Int) throws {}
  mutating func visitPackedEnumField<E: SwiftProtobuf.Enum>(value: [E], fieldNumber: Int) throws {}
  mutating func visitMapField<KeyType, ValueType: MapValueType>(
    fieldType: _ProtobufMap<KeyType, ValueType>.Type, value: _ProtobufMap<KeyType, ValueType>.BaseType,
    fieldNumber: Int
  ) throws {}
  mutating func visitMapField<KeyType, ValueType>(
    fieldType: _ProtobufEnumMap<KeyType, ValueType>.Type, value: _ProtobufEnumMap<KeyType, ValueType>.BaseType,
    fieldNumber: Int
  ) throws {}
  mutating func visitMapField<KeyType, ValueType>(
    fieldType: _ProtobufMessageMap<KeyType, ValueType>.Type,
    value: _ProtobufMessageMap<KeyType, ValueType>.BaseType, fieldNumber: Int
  ) throws {}
  mutating func visitExtensionFields(fields: ExtensionFieldValueSet, start: Int, end: Int) throws {}
  mutating func visitUnknown(bytes: Data) throws {}
}
