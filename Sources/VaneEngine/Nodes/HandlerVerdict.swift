public import FlyteIDL
public import VaneData

/// A node handler's verdict on one visit — what the handler observed, not the stored phase.
/// `NodePhaseRules` maps it onto the node status. Built only through the named constructors.
public struct HandlerVerdict: Sendable {
  public enum Kind: Sendable, Equatable {
    /// Waiting to start (e.g. for machine resources); nothing runs yet.
    case waiting
    /// Work is under way.
    case running
    /// The node produced its outputs, stored at `outputs` (nil for nodes without outputs).
    case success(outputs: DataURI?)
    /// The attempt failed; another attempt may succeed.
    case retryableFailure(Flyteidl_Core_ExecutionError)
    /// The node failed for good.
    case failure(Flyteidl_Core_ExecutionError)
  }

  public let kind: Kind
  /// Shown in progress output and events.
  public let reason: String
  /// Ask for another round after this long even without a wake-up.
  public let checkAgainAfter: Duration?
  /// A running dynamic node whose subgraph runs (stored as DynamicRunning).
  public let isDynamic: Bool

  private init(_ kind: Kind, reason: String, checkAgainAfter: Duration?, isDynamic: Bool = false) {
    self.kind = kind
    self.reason = reason
    self.checkAgainAfter = checkAgainAfter
    self.isDynamic = isDynamic
  }

  public static func waiting(_ reason: String, checkAgainAfter: Duration? = nil) -> HandlerVerdict {
    HandlerVerdict(.waiting, reason: reason, checkAgainAfter: checkAgainAfter)
  }

  public static func running(_ reason: String = "", checkAgainAfter: Duration? = nil) -> HandlerVerdict {
    HandlerVerdict(.running, reason: reason, checkAgainAfter: checkAgainAfter)
  }

  /// A dynamic node's subgraph runs.
  public static func dynamicRunning(_ reason: String = "", checkAgainAfter: Duration? = nil) -> HandlerVerdict {
    HandlerVerdict(.running, reason: reason, checkAgainAfter: checkAgainAfter, isDynamic: true)
  }

  public static func success(outputs: DataURI?) -> HandlerVerdict {
    HandlerVerdict(.success(outputs: outputs), reason: "", checkAgainAfter: nil)
  }

  public static func retryableFailure(_ error: Flyteidl_Core_ExecutionError) -> HandlerVerdict {
    HandlerVerdict(.retryableFailure(error), reason: error.message, checkAgainAfter: nil)
  }

  public static func failure(_ error: Flyteidl_Core_ExecutionError) -> HandlerVerdict {
    HandlerVerdict(.failure(error), reason: error.message, checkAgainAfter: nil)
  }

  /// A permanent failure with a fresh error.
  public static func failure(
    code: String, _ message: String, kind: Flyteidl_Core_ExecutionError.ErrorKind = .system
  ) -> HandlerVerdict {
    .failure(.make(code: code, message: message, kind: kind))
  }
}
