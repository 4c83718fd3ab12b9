public import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneData
import VaneModel
public import VaneStore

/// The signals of gate nodes (`wait_for_input`, `approve`), in the engine's key-value store,
/// keyed `<project>/<domain>/<execution>/<signal id>`:
///
/// - namespace `signal-requests`: written by a gate node when it starts waiting — the
///   declared type, the node, whether it is an approval (JSON);
/// - namespace `signals`: the value, a binary `flyteidl.core.Literal`, written by whoever
///   sets the signal (`vane signal set`, later the admin SignalService).
///
/// A gate node reads the value; it never writes it. A signal can be set once, and only after
/// a gate asked for it, with a value of the declared type.
public struct SignalStore: Sendable {
  public static let values = "signals"
  public static let requests = "signal-requests"

  public let keyValues: any KeyValueStore

  public init(keyValues: any KeyValueStore) {
    self.keyValues = keyValues
  }

  /// One signal of an execution: what the gate asked for and, once set, its value.
  public struct Signal: Sendable, Equatable {
    public var id: String
    /// The declared type (`bool` for approvals).
    public var type: Flyteidl_Core_LiteralType
    /// The unique id of the gate node waiting for it.
    public var nodeID: String
    /// An `approve(...)` gate: true approves, false rejects.
    public var isApproval: Bool
    /// The value, once set.
    public var value: Flyteidl_Core_Literal?

    public init(
      id: String, type: Flyteidl_Core_LiteralType, nodeID: String, isApproval: Bool,
      value: Flyteidl_Core_Literal? = nil
    ) {
      self.id = id
      self.type = type
      self.nodeID = nodeID
      self.isApproval = isApproval
      self.value = value
    }
  }

  private struct Request: Codable {
    var node: String
    /// A binary `flyteidl.core.LiteralType`.
    var type: Data
    var approval: Bool
  }

  /// Records that a gate waits for `signal` (kept if recorded already).
  func request(_ signal: Signal, in execution: Flyteidl_Core_WorkflowExecutionIdentifier) async throws(SignalError) {
    let key = Self.key(signal.id, in: execution)
    do {
      let request = Request(
        node: signal.nodeID, type: try signal.type.deterministicBinary(), approval: signal.isApproval)
      _ = try await keyValues.putIfAbsent(Self.requests, key, try JSONEncoder().encode(request))
    } catch {
      throw SignalError(.storage, "cannot record signal '\(signal.id)': \(error)", at: key)
    }
  }

  /// The value of a signal, or nil while it is not set.
  public func value(
    of id: String, in execution: Flyteidl_Core_WorkflowExecutionIdentifier
  ) async throws(SignalError)
    -> Flyteidl_Core_Literal?
  {
    let key = Self.key(id, in: execution)
    let data: Data?
    do {
      data = try await keyValues.value(Self.values, key)
    } catch {
      throw SignalError(.storage, "cannot read signal '\(id)': \(error)", at: key)
    }
    guard let data else { return nil }
    do {
      return try Flyteidl_Core_Literal(serializedBytes: data)
    } catch {
      throw SignalError(.corrupt, "the stored value of signal '\(id)' is not a Literal: \(error)", at: key)
    }
  }

  /// Every signal a gate of the execution asked for, by id, with the values set so far.
  public func signals(of execution: Flyteidl_Core_WorkflowExecutionIdentifier) async throws(SignalError) -> [Signal] {
    let prefix = Self.key("", in: execution)
    var signals: [Signal] = []
    do {
      for key in try await keyValues.keys(Self.requests, prefix: prefix) {
        let id = String(key.dropFirst(prefix.count))
        guard let data = try await keyValues.value(Self.requests, key) else { continue }
        let request = try JSONDecoder().decode(Request.self, from: data)
        let type = try Flyteidl_Core_LiteralType(serializedBytes: request.type)
        signals.append(
          Signal(
            id: id, type: type, nodeID: request.node, isApproval: request.approval,
            value: try await value(of: id, in: execution)))
      }
    } catch let error as SignalError {
      throw error
    } catch {
      throw SignalError(.corrupt, "cannot read the signals of \(prefix): \(error)", at: prefix)
    }
    return signals.sorted { $0.id < $1.id }
  }

  /// Sets a signal a gate asked for. Fails when no gate asked for it, when it is set
  /// already, or when the value does not have the declared type.
  public func set(
    _ value: Flyteidl_Core_Literal, for id: String, in execution: Flyteidl_Core_WorkflowExecutionIdentifier
  )
    async throws(SignalError)
  {
    let key = Self.key(id, in: execution)
    let all = try await signals(of: execution)
    guard let signal = all.first(where: { $0.id == id }) else {
      let waiting = all.filter { $0.value == nil }.map(\.id)
      throw SignalError(
        .unknownSignal,
        "no gate of this execution waits for signal '\(id)'; "
          + (waiting.isEmpty ? "none is pending" : "pending: \(waiting.joined(separator: ", "))"), at: key)
    }
    if let current = signal.value {
      throw SignalError(.alreadySet, "signal '\(id)' is set already (to \(LiteralPrinter.text(current)))", at: key)
    }
    guard Self.matches(value, signal.type) else {
      throw SignalError(
        .typeMismatch, "signal '\(id)' takes a value of type \(signal.type.readable)", at: key)
    }
    do {
      guard try await keyValues.putIfAbsent(Self.values, key, try value.deterministicBinary()) else {
        throw SignalError(.alreadySet, "signal '\(id)' was set meanwhile", at: key)
      }
    } catch let error as SignalError {
      throw error
    } catch {
      throw SignalError(.storage, "cannot store signal '\(id)': \(error)", at: key)
    }
  }

  /// Whether `value` may stand where `type` is declared.
  static func matches(_ value: Flyteidl_Core_Literal, _ type: Flyteidl_Core_LiteralType) -> Bool {
    guard let actual = LiteralTypeInference.type(of: value) else { return false }
    return LiteralTypeCasting.isCastable(actual, to: type)
  }

  static func key(_ id: String, in execution: Flyteidl_Core_WorkflowExecutionIdentifier) -> String {
    "\(execution.project)/\(execution.domain)/\(execution.name)/\(id)"
  }
}
