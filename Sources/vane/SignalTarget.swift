import ArgumentParser
import FlyteIDL
import Foundation
import Logging
import VaneEngine
import VaneStore

/// The options both signal commands take: the execution and the data directory.
struct SignalTarget: ParsableArguments {
  @Argument(help: "The execution name (or project/domain/name).")
  var execution: String

  @Option(help: "The data directory the execution runs in (default: $VANE_DATA_DIR or ~/.local/share/vane).")
  var dataDir: String?

  /// Opens the data directory and finds the execution; exit 2 when there is none.
  func open() async throws -> (LocalRuntime, Flyteidl_Core_WorkflowExecutionIdentifier) {
    let runtime = try LocalRuntime.open(dataDirectory: dataDir, images: [:], logger: Logger(label: "vane"))
    let key = try await Self.find(execution, in: runtime)
    var id = Flyteidl_Core_WorkflowExecutionIdentifier()
    id.project = key.project
    id.domain = key.domain
    id.name = key.name
    return (runtime, id)
  }

  private static func find(_ text: String, in runtime: LocalRuntime) async throws -> ResourceKey {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    if parts.count == 3 {
      let key = ResourceKey(project: parts[0], domain: parts[1], name: parts[2])
      if try await runtime.store.getStatus(key) != nil { return key }
    } else {
      var after: ResourceKey?
      while true {
        let page = try await runtime.store.list(.all, limit: 1000, after: after)
        if let match = page.first(where: { $0.key.name == text }) { return match.key }
        guard let last = page.last, page.count == 1000 else { break }
        after = last.key
      }
    }
    throw CLIFailure.badInput("no execution named '\(text)' in \(runtime.dataDirectory)")
  }
}
