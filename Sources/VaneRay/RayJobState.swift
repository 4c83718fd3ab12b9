import Foundation
import VaneEngine

/// What the Ray plugin keeps for one attempt between rounds (its `PluginState`): which job on
/// which cluster, whether it is known to exist there, and when the cluster last answered.
struct RayJobState: Codable, Hashable, Sendable {
  /// The format of the stored state; distinct from the local process plugin's so a stored state
  /// tells which plugin started an attempt (see `RayPlacementPlugin`).
  static let stateVersion: UInt32 = 0x5259_0001

  /// The job's submission id (the attempt's unique id).
  var submissionID: String
  /// The job API the job was submitted to.
  var address: String
  /// When this attempt first tried to reach the cluster.
  var firstContact: Date
  /// Whether the job is known to exist: Vane submitted it, or found it already there.
  var submitted: Bool
  /// When the cluster last answered about the job.
  var lastContact: Date

  init(submissionID: String, address: String, firstContact: Date, submitted: Bool, lastContact: Date) {
    self.submissionID = submissionID
    self.address = address
    self.firstContact = firstContact
    self.submitted = submitted
    self.lastContact = lastContact
  }

  /// The state as plugin state.
  var pluginState: PluginState {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .millisecondsSince1970
    return PluginState(data: (try? encoder.encode(self)) ?? Data(), version: Self.stateVersion)
  }

  /// The state stored in `state`; nil for an empty state or another plugin's.
  init?(_ state: PluginState) {
    guard !state.isEmpty, state.version == Self.stateVersion else { return nil }
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .millisecondsSince1970
    guard let decoded = try? decoder.decode(RayJobState.self, from: state.data) else { return nil }
    self = decoded
  }

  /// Whether `state` was written by the Ray plugin (even if it cannot be read any more).
  static func isRayState(_ state: PluginState) -> Bool {
    !state.isEmpty && state.version == stateVersion
  }
}
