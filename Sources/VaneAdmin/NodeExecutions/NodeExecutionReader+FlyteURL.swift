public import FlyteIDL
public import VaneAdminStore

/// What a Flyte data URL resolves to (`DataProxyService.GetData`).
public enum FlyteURLData: Sendable {
  /// All inputs or outputs.
  case literals(Flyteidl_Core_LiteralMap)
  /// One input or output, by name.
  case literal(Flyteidl_Core_Literal)
  /// The node execution's deck: the caller links it (`CreateDownloadLink`).
  case deck(Flyteidl_Core_NodeExecutionIdentifier)
}

extension NodeExecutionReader {
  /// Resolves `url` as FlyteAdmin does: a node execution's or one attempt's inputs or outputs
  /// (outputs only once it succeeded), one of them by name, or the node's deck.
  public func data(at url: FlyteURL) async throws(AdminError) -> FlyteURLData {
    let literals: Flyteidl_Core_LiteralMap
    switch (url.artifact, url.attempt) {
    case (.deck, nil):
      return .deck(url.nodeExecutionID)
    case (.deck, _?):
      throw AdminError(
        .invalidArgument, "a deck belongs to the node execution, not an attempt: drop the attempt", at: url.text)
    case (_, nil):
      let data = try await nodeData(url.nodeExecutionID)
      literals = url.artifact == .inputs ? data.fullInputs : data.fullOutputs
    case (_, let attempt?):
      let data = try await taskData(try await taskExecutionID(of: url.nodeExecutionID, attempt: attempt))
      literals = url.artifact == .inputs ? data.fullInputs : data.fullOutputs
    }
    guard let name = url.literalName else { return .literals(literals) }
    guard let literal = literals.literals[name] else {
      let side = url.artifact == .inputs ? "inputs" : "outputs"
      throw AdminError(
        .invalidArgument,
        "no \(side) named '\(name)' (it has: \(literals.literals.keys.sorted().joined(separator: ", ")))",
        at: url.text)
    }
    return .literal(literal)
  }

  /// The full id (with its task) of a node execution's attempt.
  func taskExecutionID(
    of node: Flyteidl_Core_NodeExecutionIdentifier, attempt: UInt32
  ) async throws(AdminError) -> Flyteidl_Core_TaskExecutionIdentifier {
    var request = Flyteidl_Admin_TaskExecutionListRequest()
    request.nodeExecutionID = node
    request.limit = 1
    request.filters = "eq(retry_attempt,\(attempt))"
    guard let task = try await tasks(request).taskExecutions.first else {
      throw AdminError(.notFound, "node execution '\(node.nodeID)' has no attempt \(attempt)", at: "flyte_url")
    }
    return task.id
  }
}
