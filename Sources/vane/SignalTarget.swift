import ArgumentParser
import FlyteIDL
import Foundation
import Logging
import VaneEngine
import VaneStore

/// The options both signal commands take: the execution, and where it runs — a local data
/// directory (`vane run`) or a `vane serve` reached over gRPC.
///
/// A server is used when `--endpoint` is given, or when `$VANE_ENDPOINT`, `-c/--config` or
/// `$FLYTECTL_CONFIG` names one and `--data-dir` is not given; otherwise the data directory.
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

  /// True to use a server: `--endpoint` (not with `--data-dir`), or without `--data-dir` a server
  /// named by `$VANE_ENDPOINT`, `-c/--config` or `$FLYTECTL_CONFIG`.
  var usesServer: Bool {
    get throws {
      if endpointOption.endpoint != nil {
        guard dataDirectory.dataDir == nil else {
          throw CLIFailure.badInput("give either --endpoint or --data-dir, not both")
        }
        return true
      }
      return dataDirectory.dataDir == nil && endpointOption.namesServer
    }
  }

  /// Connects to the server or opens the data directory; exit 2 for an execution that is not
  /// there (locally; a server says so when called).
  func open() async throws -> Source {
    if try usesServer {
      let id = try RemoteExecutionID.parse(execution, project: scope.project, domain: scope.domain)
      return .remote(RemoteSignals(client: try endpointOption.client()), id)
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
