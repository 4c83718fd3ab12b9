import FlyteIDL
import FlyteIDLGRPC
import GRPCCore

/// The signals of an execution on a `vane serve`, through flyteidl's `SignalService`.
struct RemoteSignals {
  let client: RemoteClient

  /// Every signal gates of `execution` asked for, all pages.
  func all(of execution: Flyteidl_Core_WorkflowExecutionIdentifier) async throws -> [Flyteidl_Admin_Signal] {
    try await client.withSignals { service in
      var signals: [Flyteidl_Admin_Signal] = []
      var request = Flyteidl_Admin_SignalListRequest()
      request.workflowExecutionID = execution
      request.limit = 500
      repeat {
        let page = try await service.listSignals(request, options: client.options)
        signals += page.signals
        request.token = page.token
      } while !request.token.isEmpty
      return signals
    }
  }

  /// Sets signal `name` of `execution` to `value`.
  func set(
    _ value: Flyteidl_Core_Literal, for name: String, in execution: Flyteidl_Core_WorkflowExecutionIdentifier
  ) async throws {
    try await client.withSignals { service in
      var request = Flyteidl_Admin_SignalSetRequest()
      request.id.executionID = execution
      request.id.signalID = name
      request.value = value
      _ = try await service.setSignal(request, options: client.options)
    }
  }
}
