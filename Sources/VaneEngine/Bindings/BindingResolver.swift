public import FlyteIDL
import VaneData
public import VaneModel

/// Turns a node's bindings into the literal map of its inputs: literals as they are,
/// promises looked up in the outputs of upstream nodes (or the workflow inputs), collections
/// and maps built recursively, attribute paths followed into lists, maps and dataclasses.
///
/// Lives within one round (it may read through the round's cache), so it is not `Sendable`.
public struct BindingResolver {
  /// The outputs of a node in the scope, by node id; `start-node` gives the scope's inputs.
  public typealias Outputs = (String) async throws(BindingError) -> Flyteidl_Core_LiteralMap

  private let outputs: Outputs

  public init(outputs: @escaping Outputs) {
    self.outputs = outputs
  }

  /// Resolves every binding; the first problem ends resolution with an error naming the input.
  public func resolve(_ bindings: [Flyteidl_Core_Binding]) async throws(BindingError) -> Flyteidl_Core_LiteralMap {
    var map = Flyteidl_Core_LiteralMap()
    for binding in bindings {
      map.literals[binding.var] = try await literal(binding.binding, input: binding.var)
    }
    return map
  }

  private func literal(
    _ data: Flyteidl_Core_BindingData, input: String
  ) async throws(BindingError) -> Flyteidl_Core_Literal {
    var literal = Flyteidl_Core_Literal()
    switch data.value {
    case .scalar(let scalar)?:
      literal.scalar = scalar
    case .collection(let collection)?:
      var items = Flyteidl_Core_LiteralCollection()
      for item in collection.bindings { items.literals.append(try await self.literal(item, input: input)) }
      literal.collection = items
    case .map(let map)?:
      var entries = Flyteidl_Core_LiteralMap()
      for (key, value) in map.bindings { entries.literals[key] = try await self.literal(value, input: input) }
      literal.map = entries
    case .promise(let reference)?:
      let source = reference.nodeID.isEmpty ? "start-node" : reference.nodeID
      let upstream = try await outputs(source)
      guard let value = upstream.literals[reference.var] else {
        throw BindingError(
          .outputNotFound, input: input,
          "node \(source) has no output named '\(reference.var)' (it has: "
            + upstream.literals.keys.sorted().joined(separator: ", ") + ")")
      }
      literal = try AttributePath.follow(reference.attrPath, in: value, input: input)
    case .offloadedMetadata(let metadata)?:
      literal.offloadedMetadata = metadata
    case nil:
      throw BindingError(.malformedBinding, input: input, "the binding has no value")
    }
    return literal
  }
}

/// A binding that cannot be resolved, naming the input.
public struct BindingError: VaneError, Hashable {
  public enum Code: String, Hashable, Sendable {
    /// An upstream node has no (readable) outputs, or none of the promised name.
    case outputNotFound
    /// An attribute path does not lead to a value (index out of range, no such key or field).
    case attributeNotFound
    /// The binding itself is malformed (no value, bytes that are not what they claim).
    case malformedBinding
  }

  public let code: Code
  public let input: String
  public let message: String

  public init(_ code: Code, input: String, _ message: String) {
    self.code = code
    self.input = input
    self.message = message
  }

  /// `input '<name>'`.
  public var location: String? { "input '\(input)'" }

  /// `input '<name>': <message>`.
  public var description: String { "input '\(input)': \(message)" }
}
