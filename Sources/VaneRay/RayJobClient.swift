public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// Ray's job submission REST API over HTTP (async-http-client): `POST /api/jobs/`,
/// `GET /api/jobs/{id}`, `POST /api/jobs/{id}/stop`, `GET /api/jobs/{id}/logs`.
///
/// Every call has a deadline; answers are read up to a bound, so a misbehaving endpoint can
/// neither hang a round nor fill the engine's memory.
public struct RayJobClient: RayJobAPI {
  public let address: RayAddress
  let http: HTTPClient
  let timeout: Duration

  /// The largest job description read (`GET /api/jobs/{id}` holds the entrypoint).
  static let detailsLimit = 4 << 20
  /// The largest job list read.
  static let listLimit = 256 << 20

  /// The process's client for job APIs: like async-http-client's shared one, but a refused or
  /// silent address fails after 2 s of connection attempts instead of the whole call's
  /// deadline, so a round that finds the cluster down is not held up. Never shut down (it
  /// lives as long as the process).
  public static let sharedHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.timeout.connect = .seconds(2)
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
  }()

  /// A client of the cluster at `address` on `http` (`sharedHTTPClient` by default), each call
  /// allowed `timeout`.
  public init(address: RayAddress, http: HTTPClient = RayJobClient.sharedHTTPClient, timeout: Duration = .seconds(10)) {
    self.address = address
    self.http = http
    self.timeout = timeout
  }

  public func submit(_ submission: RayJobSubmission) async throws(RayAPIError) {
    let body: Data
    do {
      body = try submission.body()
    } catch {
      throw RayAPIError(.malformed, "the job's runtime environment is not JSON: \(error)")
    }
    let (status, text) = try await send(.POST, address.jobs, body: body, limit: Self.detailsLimit)
    guard status == 200 else { throw Self.failure(status, text, doing: "submit job \(submission.submissionID)") }
  }

  public func job(_ submissionID: String) async throws(RayAPIError) -> RayJobDetails? {
    let (status, text) = try await send(.GET, address.job(submissionID), limit: Self.detailsLimit)
    if status == 404 { return nil }
    guard status == 200 else { throw Self.failure(status, text, doing: "look up job \(submissionID)") }
    do {
      return try JSONDecoder().decode(RayJobDetails.self, from: Data(text.utf8))
    } catch {
      throw RayAPIError(.malformed, "the job API's answer about job \(submissionID) is not a job: \(error)")
    }
  }

  public func jobs() async throws(RayAPIError) -> [String: RayJobDetails] {
    let (status, text) = try await send(.GET, address.jobs, limit: Self.listLimit)
    guard status == 200 else { throw Self.failure(status, text, doing: "list the cluster's jobs") }
    // Drivers started outside the job API (`ray.init()` in a script) have no submission id.
    struct Entry: Decodable {
      var details: RayJobDetails?
      init(from decoder: any Decoder) throws { details = try? RayJobDetails(from: decoder) }
    }
    do {
      let entries = try JSONDecoder().decode([Entry].self, from: Data(text.utf8))
      let jobs = entries.compactMap(\.details).filter { !$0.submissionID.isEmpty }
      return Dictionary(jobs.map { ($0.submissionID, $0) }, uniquingKeysWith: { first, _ in first })
    } catch {
      throw RayAPIError(.malformed, "the job API's job list is not a list of jobs: \(error)")
    }
  }

  public func stop(_ submissionID: String) async throws(RayAPIError) -> Bool {
    let (status, text) = try await send(.POST, address.stop(submissionID), limit: 1 << 20)
    if status == 404 { return false }
    guard status == 200 else { throw Self.failure(status, text, doing: "stop job \(submissionID)") }
    return true
  }

  public func logs(_ submissionID: String, limit: Int) async throws(RayAPIError) -> String {
    let (status, text) = try await send(.GET, address.logs(submissionID), limit: limit)
    guard status == 200 else { throw Self.failure(status, text, doing: "read the log of job \(submissionID)") }
    struct Logs: Decodable { var logs: String }
    do {
      return try JSONDecoder().decode(Logs.self, from: Data(text.utf8)).logs
    } catch {
      throw RayAPIError(.malformed, "the job API's log of job \(submissionID) is not readable: \(error)")
    }
  }

  /// Whether the address answers as a Ray job API, with Ray's version; throws why not.
  public func version() async throws(RayAPIError) -> String {
    let (status, text) = try await send(.GET, address.version, limit: 1 << 16)
    guard status == 200 else { throw Self.failure(status, text, doing: "read the cluster's version") }
    struct Version: Decodable { var ray_version: String? }
    guard let version = try? JSONDecoder().decode(Version.self, from: Data(text.utf8)) else {
      throw RayAPIError(.malformed, "\(address.base) answers, but not as a Ray dashboard (GET /api/version)")
    }
    return version.ray_version ?? "unknown"
  }

  private func send(
    _ method: HTTPMethod, _ url: String, body: Data? = nil, limit: Int
  ) async throws(RayAPIError) -> (Int, String) {
    var request = HTTPClientRequest(url: url)
    request.method = method
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(data: body))
    }
    let response: HTTPClientResponse
    do {
      response = try await http.execute(request, timeout: .nanoseconds(Int64(timeout / .nanoseconds(1))))
    } catch {
      throw RayAPIError(.unreachable, "\(method) \(url): \(Self.reason(error))")
    }
    do {
      let buffer = try await response.body.collect(upTo: limit)
      return (Int(response.status.code), String(buffer: buffer))
    } catch {
      throw RayAPIError(.malformed, "\(method) \(url): the answer could not be read (over \(limit) bytes?): \(error)")
    }
  }

  private static func reason(_ error: any Error) -> String {
    if let client = error as? HTTPClientError {
      if client == .deadlineExceeded || client == .readTimeout { return "no answer in time" }
      if client == .connectTimeout { return "connection timed out" }
    }
    return "\(error)"
  }

  /// An error for a non-success status, with the meaningful line of Ray's answer (its error
  /// pages end a Python traceback with the exception).
  static func failure(_ status: Int, _ text: String, doing what: String) -> RayAPIError {
    let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
    let said = lines.last { $0.count > 1 } ?? ""
    let shown = said.count > 500 ? String(said.prefix(500)) + "…" : said
    return RayAPIError(.status(status), "could not \(what): HTTP \(status)\(shown.isEmpty ? "" : ": \(shown)")")
  }
}
