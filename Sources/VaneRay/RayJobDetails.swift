/// What the job API says about one job (`GET /api/jobs/{submission id}`): the fields Vane reads.
public struct RayJobDetails: Decodable, Hashable, Sendable {
  /// A job's status: `PENDING` (waiting for resources or its runtime environment), `RUNNING`,
  /// and the terminal `SUCCEEDED`, `FAILED` and `STOPPED`.
  public enum Status: Hashable, Sendable, CustomStringConvertible {
    case pending, running, succeeded, failed, stopped
    /// A status this version of Vane does not know (a newer Ray).
    case other(String)

    /// Reads the API's spelling.
    public init(_ text: String) {
      switch text {
      case "PENDING": self = .pending
      case "RUNNING": self = .running
      case "SUCCEEDED": self = .succeeded
      case "FAILED": self = .failed
      case "STOPPED": self = .stopped
      default: self = .other(text)
      }
    }

    /// The job will not change any more.
    public var isTerminal: Bool {
      switch self {
      case .succeeded, .failed, .stopped: true
      case .pending, .running, .other: false
      }
    }

    public var description: String {
      switch self {
      case .pending: "PENDING"
      case .running: "RUNNING"
      case .succeeded: "SUCCEEDED"
      case .failed: "FAILED"
      case .stopped: "STOPPED"
      case .other(let text): text
      }
    }
  }

  /// The id Vane submitted the job under (the attempt's unique id).
  public var submissionID: String
  public var status: Status
  /// Ray's explanation of the status, e.g. why the job failed.
  public var message: String?
  /// Why a failed job failed, e.g. `JOB_ENTRYPOINT_COMMAND_ERROR` (see `RayJobFailure`).
  public var errorType: String?
  /// The entrypoint's exit code once it ended (negative: killed by that signal).
  public var driverExitCode: Int?
  /// The node the entrypoint ran on (set once it left `PENDING`).
  public var driverNodeID: String?
  /// The metadata given at submission.
  public var metadata: [String: String]

  public init(
    submissionID: String, status: Status, message: String? = nil, errorType: String? = nil,
    driverExitCode: Int? = nil, driverNodeID: String? = nil, metadata: [String: String] = [:]
  ) {
    self.submissionID = submissionID
    self.status = status
    self.message = message
    self.errorType = errorType
    self.driverExitCode = driverExitCode
    self.driverNodeID = driverNodeID
    self.metadata = metadata
  }

  private enum CodingKeys: String, CodingKey {
    case submissionID = "submission_id"
    case status, message, metadata
    case errorType = "error_type"
    case driverExitCode = "driver_exit_code"
    case driverNodeID = "driver_node_id"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    submissionID = try container.decodeIfPresent(String.self, forKey: .submissionID) ?? ""
    status = Status(try container.decode(String.self, forKey: .status))
    message = try container.decodeIfPresent(String.self, forKey: .message)
    errorType = try container.decodeIfPresent(String.self, forKey: .errorType)
    driverExitCode = try container.decodeIfPresent(Int.self, forKey: .driverExitCode)
    driverNodeID = try container.decodeIfPresent(String.self, forKey: .driverNodeID)
    metadata = try container.decodeIfPresent([String: String].self, forKey: .metadata) ?? [:]
  }
}
