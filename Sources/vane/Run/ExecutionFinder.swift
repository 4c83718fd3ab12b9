import VaneStore

/// Finds an execution of a data directory by name (or project/domain/name).
struct ExecutionFinder {
  let runtime: LocalRuntime

  func find(_ text: String) async throws -> ResourceKey {
    let parts = text.split(separator: "/").map(String.init)
    do {
      if parts.count == 3 {
        let key = ResourceKey(project: parts[0], domain: parts[1], name: parts[2])
        if try await runtime.store.getStatus(key) != nil { return key }
      } else {
        var after: ResourceKey?
        while true {
          let page = try await runtime.store.list(.all, limit: 1000, after: after)
          if let match = page.first(where: { $0.key.name == text }) { return match.key }
          guard let last = page.last else { break }
          after = last.key
        }
      }
    } catch {
      throw CLIFailure.failed("\(runtime.dataDirectory)/vane.db: cannot read executions: \(error)")
    }
    throw CLIFailure.badInput("no execution named '\(text)' in \(runtime.dataDirectory)")
  }
}
