import VaneData

extension HandlerVerdict {
  /// How long a node whose data the store cannot serve waits before it is woken up to look again.
  static let storeOutageWakeUp = Duration.seconds(2)

  /// The verdict after reading a node's data failed with `error`. An unavailable store (down,
  /// overloaded, every retry of the request spent) is not the node's fault: the node keeps its
  /// phase and is woken up to look again after a pause, so an outage neither fails it nor uses
  /// up a retry. Any other error is judged by `otherwise`. `dynamic` keeps a dynamic node's
  /// subgraph phase.
  static func afterReadFailure(
    _ error: DataError, dynamic: Bool = false, otherwise: () -> HandlerVerdict
  ) -> HandlerVerdict {
    guard error.code == .unavailable else { return otherwise() }
    let reason = "waiting for the data store: \(error.message)"
    return dynamic
      ? .dynamicRunning(reason, wakeUpAfter: storeOutageWakeUp)
      : .running(reason, wakeUpAfter: storeOutageWakeUp)
  }
}
