public import VaneModel

/// The job submission API of a Ray cluster, as the plugin uses it. `RayJobClient` speaks it
/// over HTTP; the seam keeps the plugin's logic apart from the transport.
public protocol RayJobAPI: Sendable {
  /// The cluster the API belongs to.
  var address: RayAddress { get }
  /// Submits a job; throws `.rejected` when the API refuses it (e.g. the id is taken).
  func submit(_ submission: RayJobSubmission) async throws(RayAPIError)
  /// The job with this submission id, or nil when the cluster has none.
  func job(_ submissionID: String) async throws(RayAPIError) -> RayJobDetails?
  /// Every job the cluster knows (`GET /api/jobs/`), by submission id — one answer for many
  /// jobs, though it grows with the cluster's history.
  func jobs() async throws(RayAPIError) -> [String: RayJobDetails]
  /// Asks Ray to stop the job; false when the cluster has no such job.
  func stop(_ submissionID: String) async throws(RayAPIError) -> Bool
  /// The job's log so far (at most `limit` bytes of response).
  func logs(_ submissionID: String, limit: Int) async throws(RayAPIError) -> String
}

/// Why a call to the job API did not give an answer.
public struct RayAPIError: VaneError, Hashable {
  /// The stable kinds of failure, as `VaneError` codes.
  public enum Code: String, Hashable, Sendable {
    case unreachable, status, malformed
  }

  public enum Kind: Hashable, Sendable {
    /// No answer: connection refused, timed out, cut.
    case unreachable
    /// The API answered with this HTTP status (4xx: the request; 5xx: the cluster).
    case status(Int)
    /// The answer could not be read (not the expected JSON, too large).
    case malformed
  }

  public var kind: Kind
  /// What happened, with Ray's own words where it gave some.
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The request was refused as invalid (4xx), as opposed to the cluster failing.
  public var isRejection: Bool {
    if case .status(let code) = kind { return (400..<500).contains(code) }
    return false
  }

  /// The kind without its HTTP status.
  public var code: Code {
    switch kind {
    case .unreachable: .unreachable
    case .status: .status
    case .malformed: .malformed
    }
  }

  /// The API gives no location of its own; the plugin's errors name the cluster.
  public var location: String? { nil }

  public var description: String { message }
}
