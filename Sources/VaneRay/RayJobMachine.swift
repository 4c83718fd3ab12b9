import FlyteIDL
import Foundation

/// The pure part of the Ray plugin: given what was stored for an attempt and what the job API
/// says now, the next step. No I/O and no clock of its own, so every path is tested alone.
///
/// ```
///  not submitted ──look up──▶ missing ─────────────▶ submit ──(accepted)──▶ submitted
///        │                    found, ours ─────────▶ adopt: submitted, then as below
///        │                    found, another's ────▶ failed: submission id taken
///        │                    unreachable ─────────▶ wait; failed once contactTimeout has
///        │                                           passed since the first try
///  submitted ──look up──▶ PENDING ───▶ waiting     RUNNING ───▶ running
///                         SUCCEEDED ─▶ succeeded   FAILED, STOPPED ─▶ failed (RayJobFailure)
///                         missing ───▶ failed: vanished (system, retryable)
///                         unreachable ▶ unreachable; failed once contactTimeout has passed
///                                       since the cluster last answered
/// ```
///
/// "Ours" means the job's metadata names this attempt's output prefix: a job left on a
/// long-lived cluster by an execution of the same name in another data directory is never
/// mistaken for this attempt's.
struct RayJobMachine: Sendable {
  /// What the job API said when asked about the attempt's job.
  enum Observation: Hashable, Sendable {
    /// No job with the attempt's submission id.
    case missing
    case found(RayJobDetails)
    /// No answer (or an unusable one), with the reason.
    case unreachable(String)
  }

  /// What the plugin should do or report.
  enum Step: Hashable, Sendable {
    /// Submit the job (then record it with `submitted(_:now:)`).
    case submit
    /// The job waits for resources or its runtime environment; Ray's message.
    case waiting(String)
    case running(String)
    case succeeded
    case failed(RayJobFailure)
    /// The cluster did not answer; keep the attempt as it was and ask again later.
    case unreachable(String)
  }

  /// The next step and the state to store with it.
  struct Decision: Hashable, Sendable {
    var step: Step
    var state: RayJobState
  }

  /// Who the attempt is: the job's submission id, the cluster, and the owner mark its
  /// metadata must carry.
  struct Attempt: Hashable, Sendable {
    var submissionID: String
    var address: String
    var owner: String
  }

  /// The metadata key holding the owner mark (the attempt's output prefix).
  static let ownerKey = "vane.output_prefix"

  /// How long the cluster may stay silent before the attempt fails as a system error.
  var contactTimeout: TimeInterval

  /// The step for `attempt`, stored as `stored` (nil: nothing stored), when the job API said
  /// `observation` at `now`.
  func decide(_ attempt: Attempt, stored: RayJobState?, observation: Observation, now: Date) -> Decision {
    var state =
      stored
      ?? RayJobState(
        submissionID: attempt.submissionID, address: attempt.address, firstContact: now, submitted: false,
        lastContact: now)
    switch observation {
    case .unreachable(let reason):
      let since = state.submitted ? state.lastContact : state.firstContact
      let silent = now.timeIntervalSince(since)
      guard silent < contactTimeout else {
        let what = state.submitted ? "lost contact with" : "could not reach"
        let failure = RayJobFailure(
          .clusterUnreachable,
          "\(what) the Ray job API at \(state.address) for \(Int(silent)) s: \(reason)", kind: .system,
          retryable: true)
        return Decision(step: .failed(failure), state: state)
      }
      return Decision(step: .unreachable(reason), state: state)
    case .missing:
      guard state.submitted else { return Decision(step: .submit, state: state) }
      state.lastContact = now
      let failure = RayJobFailure(
        .jobVanished,
        "the Ray cluster at \(state.address) no longer knows job \(state.submissionID): it was deleted or the "
          + "cluster restarted", kind: .system, retryable: true)
      return Decision(step: .failed(failure), state: state)
    case .found(let details):
      state.lastContact = now
      guard details.metadata[Self.ownerKey] == attempt.owner else {
        let failure = RayJobFailure(
          .submissionIDTaken,
          "the Ray cluster at \(state.address) already has a job with submission id \(attempt.submissionID) that "
            + "belongs to another execution (its output prefix is "
            + "\(details.metadata[Self.ownerKey] ?? "not recorded")); run under another execution name, or "
            + "delete that job with `ray job delete \(attempt.submissionID)`", kind: .user, retryable: false)
        return Decision(step: .failed(failure), state: state)
      }
      state.submitted = true
      return Decision(step: Self.step(for: details), state: state)
    }
  }

  /// The state once the job API accepted the submission at `now`.
  func submitted(_ state: RayJobState, now: Date) -> RayJobState {
    var state = state
    state.submitted = true
    state.lastContact = now
    return state
  }

  /// What a job's status means for the attempt.
  static func step(for details: RayJobDetails) -> Step {
    let message = details.message ?? ""
    switch details.status {
    case .pending: return .waiting(message.isEmpty ? "waiting for the Ray cluster" : message)
    case .running: return .running(message)
    case .succeeded: return .succeeded
    case .failed, .stopped: return .failed(RayJobFailure(details))
    case .other(let status): return .running("Ray reports status \(status)")
    }
  }
}
