public import FlyteIDL

/// Flyte's short data URLs, `flyte://v1/{project}/{domain}/{execution}/{node}[/{attempt}]/{i|o|d}`
/// and `…/{i|o}/{name}` for one literal: what `Get{Node,Task}ExecutionData` hands out in
/// `flyte_urls` and `DataProxyService.GetData` resolves (`FlyteRemote.get`). The grammar is
/// FlyteAdmin's: every part `[A-Za-z0-9_-]+`, the attempt digits, a deck never per attempt
/// and never one literal.
public struct FlyteURL: Sendable, Equatable {
  public enum Artifact: String, Sendable {
    case inputs = "i"
    case outputs = "o"
    case deck = "d"
  }

  public var project: String
  public var domain: String
  public var execution: String
  public var node: String
  /// The task attempt (retry attempt), or nil for the node execution.
  public var attempt: UInt32?
  public var artifact: Artifact
  /// One input or output by name, or nil for all of them.
  public var literalName: String?

  /// Longer URLs are not parsed (each part of a valid one is an identifier).
  static let maximumLength = 1024

  public init(
    project: String, domain: String, execution: String, node: String, attempt: UInt32? = nil, artifact: Artifact,
    literalName: String? = nil
  ) {
    self.project = project
    self.domain = domain
    self.execution = execution
    self.node = node
    self.attempt = attempt
    self.artifact = artifact
    self.literalName = literalName
  }

  /// The URL's parts, or nil when `text` is not a Flyte data URL. As FlyteAdmin, the form with
  /// an attempt is tried first: `…/n0/0/o` is attempt 0's outputs, `…/n0/o/o0` the output `o0`.
  public init?(parsing text: String) {
    guard text.utf8.count <= Self.maximumLength, text.hasPrefix("flyte://v1/") else { return nil }
    let parts = text.dropFirst("flyte://v1/".count).split(separator: "/", omittingEmptySubsequences: false)
      .map(String.init)
    guard (5...7).contains(parts.count), parts.allSatisfy(Self.isPart) else { return nil }
    let attempt = parts.count >= 6 ? UInt32(parts[4]) : nil
    let rest = Array(parts.dropFirst(attempt == nil ? 4 : 5))
    guard let artifact = Artifact(rawValue: rest[0]) else { return nil }
    switch rest.count {
    case 1: break
    case 2 where artifact != .deck: break
    default: return nil
    }
    self.init(
      project: parts[0], domain: parts[1], execution: parts[2], node: parts[3], attempt: attempt, artifact: artifact,
      literalName: rest.count == 2 ? rest[1] : nil)
  }

  public var text: String {
    var text = "flyte://v1/\(project)/\(domain)/\(execution)/\(node)"
    if let attempt { text += "/\(attempt)" }
    text += "/\(artifact.rawValue)"
    if let literalName { text += "/\(literalName)" }
    return text
  }

  /// The node execution the URL names.
  public var nodeExecutionID: Flyteidl_Core_NodeExecutionIdentifier {
    var id = Flyteidl_Core_NodeExecutionIdentifier()
    id.executionID.project = project
    id.executionID.domain = domain
    id.executionID.name = execution
    id.nodeID = node
    return id
  }

  /// The inputs, outputs and (when it has one) deck URLs of a node execution.
  public static func urls(node id: Flyteidl_Core_NodeExecutionIdentifier, deck: Bool) -> Flyteidl_Admin_FlyteURLs {
    let base = FlyteURL(
      project: id.executionID.project, domain: id.executionID.domain, execution: id.executionID.name, node: id.nodeID,
      artifact: .inputs)
    return base.urls(deck: deck)
  }

  /// The inputs and outputs URLs of a task execution (attempt).
  public static func urls(task id: Flyteidl_Core_TaskExecutionIdentifier) -> Flyteidl_Admin_FlyteURLs {
    let node = id.nodeExecutionID
    let base = FlyteURL(
      project: node.executionID.project, domain: node.executionID.domain, execution: node.executionID.name,
      node: node.nodeID, attempt: id.retryAttempt, artifact: .inputs)
    return base.urls(deck: false)
  }

  private func urls(deck: Bool) -> Flyteidl_Admin_FlyteURLs {
    var urls = Flyteidl_Admin_FlyteURLs()
    var url = self
    url.artifact = .inputs
    urls.inputs = url.text
    url.artifact = .outputs
    urls.outputs = url.text
    if deck {
      url.artifact = .deck
      urls.deck = url.text
    }
    return urls
  }

  private static func isPart(_ part: String) -> Bool {
    !part.isEmpty
      && part.unicodeScalars.allSatisfy {
        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
      }
  }
}
