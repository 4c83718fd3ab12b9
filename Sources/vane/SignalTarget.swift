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

  @OptionGroup var dataDirectory: DataDirectoryOption
  @OptionGroup var endpointOption: EndpointOption
  @OptionGroup var scope: ProjectDomainOptions

  /// Where the signals are read and written.
  enum Source {
    case local(LocalRuntime, Flyteidl_Core_WorkflowExecutionIdentifier)
    case remote(RemoteSignals, Flyteidl_Core_WorkflowExecutionIdentifier)
  }

  /// The server endpoint to use, or nil for the data directory.
  var resolvedEndpoint: String? {
    get throws {
      if let endpoint = endpointOption.endpoint {
        guard dataDirectory.dataDir == nil else {
          throw CLIFailure.badInput("give either --endpoint or --data-dir, not both")
        }
        return endpoint
      }
      guard dataDirectory.dataDir == nil else { return nil }
      return EndpointOption.fromEnvironment ?? (endpointOption.configFile != nil ? endpointOption.resolved : nil)
    }
  }

  /// Connects to the server or opens the data directory; exit 2 for an execution that is not
  /// there (locally; a server says so when called).
  func open() async throws -> Source {
    if let endpoint = try resolvedEndpoint {
      let id = try RemoteExecutionID.parse(execution, project: scope.project, domain: scope.domain)
      var connection = try endpointOption.connection()
      connection.endpoint = endpoint
      return .remote(RemoteSignals(client: try connection.client()), id)
    }
    let runtime = try LocalRuntime.open(
      dataDirectory: dataDirectory.dataDir, images: [:], logger: Logger(label: "vane"))
    let key = try await ExecutionFinder(runtime: runtime).find(execution)
    var id = Flyteidl_Core_WorkflowExecutionIdentifier()
    id.project = key.project
    id.domain = key.domain
    id.name = key.name
    return .local(runtime, id)
  }
}
