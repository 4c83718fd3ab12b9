public import FlyteIDL
import SwiftProtobuf
import VaneModel

/// The form in a gate node's panel: approve or reject an approval, or give a signal's value
/// of its declared type. Shown while the gate waits.
public struct GateForm: Sendable {
  public var signalID: String
  public var type: String
  /// An approval: true approves, false rejects (the gate then fails).
  public var isApproval: Bool
  public var action: String
  public var value: String
  public var error: String?
  /// The value already given, once set.
  public var given: String?
  /// A sleep: nothing to give, the node waits for its duration.
  public var sleeps: String?
  public var waiting: Bool

  /// The form for `gate`, or nil for a node that is not a gate.
  public init?(
    _ node: Flyteidl_Core_Node, action: String, waiting: Bool, given: Flyteidl_Core_Literal?, value: String = "",
    error: String? = nil
  ) {
    guard case .gateNode(let gate)? = node.target else { return nil }
    self.action = action
    self.waiting = waiting && given == nil
    self.value = value
    self.error = error
    self.given = given.map(LaunchForm.text)
    switch gate.condition {
    case .approve(let approve)?:
      (signalID, type, isApproval, sleeps) = (approve.signalID, "bool", true, nil)
    case .signal(let signal)?:
      (signalID, type, isApproval, sleeps) = (signal.signalID, signal.type.readable, false, nil)
    case .sleep(let sleep)?:
      (signalID, type, isApproval, sleeps) = ("", "", false, "\(sleep.duration.seconds) s")
      self.waiting = false
    case nil:
      return nil
    }
  }
}
