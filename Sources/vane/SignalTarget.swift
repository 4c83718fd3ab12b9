import ArgumentParser
import FlyteIDL
import Foundation
import Logging
import VaneEngine
import VaneStore

/// The options both signal commands take: the execution, and where it runs — a local data
/// directory (`vane run`) or a `vane serve` reached over gRPC.
///
/// A server is used when `--endpoint` is given, or when `$VANE_ENDPOINT` is set and
/// `--data-dir` is not; otherwise the data directory.
struct SignalTarget: ParsableArguments {
  @Argument(help: "The execution name (or project/domain/name).")
  var execution: String

  @Option(help: "The data directory the execution runs in (default: $VANE_DATA_DIR or ~/.local/share/vane).")
  var dataDir: String?

  @Option(
    help:
      "A vane serve gRPC endpoint, host:port, to talk to instead of a data directory (default: $VANE_ENDPOINT when set and --data-dir is not)."
  )
  var endpoint: String?

  @Option(name: [.customShort("p"), .long], help: "The project of an execution given by name only (with a server).")
  var project: String = "flytesnacks"

  @Option(name: [.customShort("d"), .long], help: "The domain of an execution given by name only (with a server).")
  var domain: String = "development"

  /// Where the signals are read and written.
  enum Source {
    case local(LocalRuntime, Flyteidl_Core_WorkflowExecutionIdentifier)
    case remote(RemoteSignals, Flyteidl_Core_WorkflowExecutionIdentifier)
  }

  /// The server endpoint to use, or nil for the data directory.
  var resolvedEndpoint: String? {
    get throws {
      if let endpoint {
        guard dataDir == nil else { throw CLIFailure.badInput("give either --endpoint or --data-dir, not both") }
        return endpoint
      }
      guard dataDir == nil else { return nil }
      let fromEnvironment = ProcessInfo.processInfo.environment["VANE_ENDPOINT"] ?? ""
      return fromEnvironment.isEmpty ? nil : fromEnvironment
    }
  }

  /// Connects to the server or opens the data directory; exit 2 for an execution that is not
  /// there (locally; a server says so when called).
  func open() async throws -> Source {
    if let endpoint = try resolvedEndpoint {
      let id = try RemoteExecutionID.parse(execution, project: project, domain: domain)
      return .remote(RemoteSignals(client: try RemoteClient(endpoint: endpoint)), id)
    }
    let runtime = try LocalRuntime.open(dataDirectory: dataDir, images: [:], logger: Logger(label: "vane"))
    let key = try await Self.find(execution, in: runtime)
    var id = Flyteidl_Core_WorkflowExecutionIdentifier()
    id.project = key.project
    id.domain = key.domain
    id.name = key.name
    return .local(runtime, id)
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
