import FlyteIDL
import VaneModel

extension WorkflowBuilder {
  /// Checks a promise: the node exists, has the output, and the output (narrowed by an index
  /// or attribute path) fits the expected type. Attribute paths step into list elements, map
  /// values and dataclass fields (`structure.dataclass_type`); other `STRUCT`s are left as they
  /// are, as Flyte 1.16 does.
  mutating func checkPromise(
    _ reference: Flyteidl_Core_OutputReference, expected: Flyteidl_Core_LiteralType?, input: String,
    consumer: String
  ) -> BindingCheck {
    let source = reference.nodeID.isEmpty ? Self.startNodeID : reference.nodeID
    guard source == Self.startNodeID || nodes[source] != nil else {
      return .failure(
        .unknownNode, "\(input) is bound to output '\(reference.var)' of node '\(source)', which does not exist"
      )
    }
    guard let variableName = PromiseVariable(reference.var) else {
      return .failure(
        .invalidVariableName, "\(input) is bound to '\(reference.var)', which is not a valid output name")
    }
    guard let sourceInterface = interface(of: source) else {
      // The source node's own errors are reported where it is checked.
      return BindingCheck(type: nil, upstream: [source])
    }
    let outputs = effectiveOutputs(of: nodes[source], interface: sourceInterface)
    let sourceLabel =
      source == Self.startNodeID
      ? "workflow input '\(variableName.name)'" : "output '\(variableName.name)' of node '\(source)'"
    guard let variable = outputs[variableName.name] else {
      let known = outputs.keys.sorted().joined(separator: ", ")
      let what =
        source == Self.startNodeID
        ? "the workflow has no input '\(variableName.name)'" : "node '\(source)' has no output '\(variableName.name)'"
      return .failure(
        .unknownVariable,
        "\(input) is bound to a missing value: \(what) (has: \(known.isEmpty ? "none" : known))")
    }
    var sourceType = variable.type
    if variableName.index != nil {
      guard case .collectionType(let element)? = sourceType.type else {
        return .failure(
          .typeMismatch, "\(input) indexes \(sourceLabel), which is \(sourceType.readable), not a list")
      }
      sourceType = element
    }
    for attribute in reference.attrPath {
      switch sourceType.type {
      case .collectionType(let element)?:
        sourceType = element
      case .mapValueType(let value)?:
        sourceType = value
      default:
        guard sourceType.hasStructure, !sourceType.structure.dataclassType.isEmpty else { continue }
        let field = attribute.stringValue
        guard let fieldType = sourceType.structure.dataclassType[field] else {
          return .failure(
            .unknownField, "\(input) reads field '\(field)' of \(sourceLabel), which has no such field")
        }
        sourceType = fieldType
      }
    }
    if let expected, !LiteralTypeCasting.isCastable(sourceType, to: expected) {
      let path =
        reference.attrPath.isEmpty ? "" : " (path \(reference.attrPath.map(Self.describe).joined(separator: ".")))"
      return BindingCheck(
        type: nil, upstream: [source],
        problems: [
          .init(
            code: .typeMismatch,
            message: "\(sourceLabel)\(path) is \(sourceType.readable) but \(input) expects \(expected.readable)"
          )
        ])
    }
    return BindingCheck(type: sourceType, upstream: [source])
  }

  private static func describe(_ attribute: Flyteidl_Core_PromiseAttribute) -> String {
    switch attribute.value {
    case .stringValue(let name)?: name
    case .intValue(let index)?: "[\(index)]"
    case nil: "?"
    }
  }
}
