public import FlyteIDL
public import VaneData
public import VaneModel

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
  /// Wake the execution up after this long, even if nothing else does.
  public let wakeUpAfter: Duration?
  /// A running dynamic node whose subgraph runs (stored as DynamicRunning).
  public let isDynamic: Bool

  private init(_ kind: Kind, reason: String, wakeUpAfter: Duration?, isDynamic: Bool = false) {
    self.kind = kind
    self.reason = reason
    self.wakeUpAfter = wakeUpAfter
    self.isDynamic = isDynamic
  }

  public static func waiting(_ reason: String, wakeUpAfter: Duration? = nil) -> HandlerVerdict {
    HandlerVerdict(.waiting, reason: reason, wakeUpAfter: wakeUpAfter)
  }

  public static func running(_ reason: String = "", wakeUpAfter: Duration? = nil) -> HandlerVerdict {
    HandlerVerdict(.running, reason: reason, wakeUpAfter: wakeUpAfter)
  }

  /// A dynamic node's subgraph runs.
  public static func dynamicRunning(_ reason: String = "", wakeUpAfter: Duration? = nil) -> HandlerVerdict {
    HandlerVerdict(.running, reason: reason, wakeUpAfter: wakeUpAfter, isDynamic: true)
  }

  public static func success(outputs: DataURI?) -> HandlerVerdict {
    HandlerVerdict(.success(outputs: outputs), reason: "", wakeUpAfter: nil)
  }

  public static func retryableFailure(_ error: Flyteidl_Core_ExecutionError) -> HandlerVerdict {
    HandlerVerdict(.retryableFailure(error), reason: error.message, wakeUpAfter: nil)
  }

  public static func failure(_ error: Flyteidl_Core_ExecutionError) -> HandlerVerdict {
    HandlerVerdict(.failure(error), reason: error.message, wakeUpAfter: nil)
  }

  /// A permanent failure with a fresh error of one of the engine's codes.
  public static func failure(
    _ code: NodeErrorCode, _ message: String, kind: Flyteidl_Core_ExecutionError.ErrorKind = .system
  ) -> HandlerVerdict {
    .failure(.make(code, message: message, kind: kind))
  }

  /// A retryable failure with a fresh error of one of the engine's codes (a system error
  /// unless told otherwise: the engine's own failures are rarely the user's).
  public static func retryableFailure(
    _ code: NodeErrorCode, _ message: String, kind: Flyteidl_Core_ExecutionError.ErrorKind = .system
  ) -> HandlerVerdict {
    .retryableFailure(.make(code, message: message, kind: kind))
  }
}
