/// Several sources asked in order; the first that holds a secret gives it.
public struct SecretSources: SecretSource {
  /// The sources, first asked first.
  public let sources: [any SecretSource]

  /// A source asking `sources` in order.
  public init(_ sources: [any SecretSource]) {
    self.sources = sources
  }

  public var summary: String { sources.map(\.summary).joined(separator: "; ") }

  public func secret(_ name: SecretName, project: String) throws(SecretError) -> String? {
    for source in sources {
      if let value = try source.secret(name, project: project) { return value }
    }
    return nil
  }

  public func keys(in group: String, project: String) throws(SecretError) -> [String] {
    var keys: Set<String> = []
    for source in sources { keys.formUnion(try source.keys(in: group, project: project)) }
    return keys.sorted()
  }
}
