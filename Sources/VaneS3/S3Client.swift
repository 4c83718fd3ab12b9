import AsyncHTTPClient
public import Foundation
import NIOCore
import NIOHTTP1
public import VaneData

/// The S3 REST API over async-http-client: each request is signed with SigV4, retried with
/// jittered back-off when the failure is worth retrying, and its error turned into a
/// `DataError` that names the operation, the bucket and the key.
///
/// The HTTP client is one per process (`sharedHTTPClient`), pooled per host and never shut down,
/// so stores can be made and dropped freely.
public final class S3Client: Sendable {
  /// The settings requests are made with.
  public let settings: S3Settings
  /// Requests sent, by operation.
  public let counter = S3RequestCounter()
  let endpoint: S3Endpoint
  let signer: SigV4Signer
  let retrier: S3Retrier
  let now: @Sendable () -> Date

  /// A client for `settings`. `clock` and `random` drive the retry waits, `now` the signing time.
  public init(
    settings: S3Settings, clock: any Clock<Duration> = ContinuousClock(),
    random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
    now: @escaping @Sendable () -> Date = { Date() }
  ) throws(DataError) {
    self.settings = settings
    self.endpoint = try S3Endpoint(
      settings.endpoint, region: settings.region, pathStyle: settings.pathStyle,
      location: DataURI(settings.endpoint ?? "s3://"))
    self.signer = SigV4Signer(credentials: settings.credentials, region: settings.region)
    let counter = self.counter
    self.retrier = S3Retrier(
      policy: settings.retry, clock: clock, random: random,
      onRetry: { _, _, failure in counter.record("retry after \(failure.summary)") })
    self.now = now
  }

  /// The endpoint's base URL, for messages.
  public var endpointDescription: String { endpoint.baseURL }

  /// Sends `request`, retrying as the policy allows; the final failure as a `DataError`.
  func send(_ request: S3Request) async throws(DataError) -> S3Response {
    do {
      return try await retrier.run { (_) throws(S3Failure) in try await self.attempt(request) }
    } catch {
      throw error.dataError(request.operation, request.location, endpoint: endpoint.baseURL)
    }
  }

  /// Sends `request` once and collects the answer; non-2xx answers become failures.
  func attempt(_ request: S3Request) async throws(S3Failure) -> S3Response {
    let prepared = prepare(request)
    counter.record(request.operation)
    let response: HTTPClientResponse
    do {
      response = try await Self.sharedHTTPClient.execute(prepared, timeout: timeout)
    } catch {
      throw S3Failure(.connection(String(describing: error)))
    }
    // What the server says it sends is checked before any of it is collected; a body that
    // grows past its announced length is cut off at the limit all the same.
    let limit = request.responseLimit
    let successful = (200..<300).contains(response.status.code)
    if successful, let announced = response.headers.first(name: "content-length").flatMap({ Int($0) }),
      announced > limit
    {
      throw S3Failure(.tooLarge(size: announced, limit: limit))
    }
    let body: ByteBuffer
    do {
      body = try await response.body.collect(upTo: limit)
    } catch is NIOTooManyBytesError {
      throw S3Failure(.tooLarge(size: nil, limit: limit))
    } catch {
      throw S3Failure(.connection(String(describing: error)))
    }
    let data = Data(body.readableBytesView)
    let answer = S3Response(status: Int(response.status.code), headers: response.headers, body: data)
    guard (200..<300).contains(answer.status) else { throw Self.failure(from: answer) }
    return answer
  }

  /// The signed HTTP request for `request` at the current time.
  func prepare(_ request: S3Request, payloadHash: String? = nil) -> HTTPClientRequest {
    let address = endpoint.address(bucket: request.location.bucket, key: request.location.key)
    let date = now()
    let hash = payloadHash ?? request.body.map { SigV4Encoding.sha256Hex($0) } ?? SigV4Encoding.emptyPayloadHash
    var headers: [(name: String, value: String)] = [
      ("host", address.host), ("x-amz-date", SigV4Encoding.timestamp(date)), ("x-amz-content-sha256", hash),
    ]
    if let token = settings.credentials.sessionToken { headers.append(("x-amz-security-token", token)) }
    headers += request.headers
    let signable = SigV4Request(
      method: request.method.rawValue, path: address.path, query: request.query, headers: headers, payloadHash: hash)
    let authorization = signer.authorization(for: signable, at: date)
    var http = HTTPClientRequest(url: address.url + Self.queryText(request.query))
    http.method = request.method
    for header in headers { http.headers.add(name: header.name, value: header.value) }
    http.headers.add(name: "authorization", value: authorization)
    if let body = request.body {
      // Handed over in 4 MiB buffers as the connection takes them, not copied whole.
      http.body = .bytes(body)
    }
    return http
  }

  var timeout: TimeAmount { .nanoseconds(Int64(settings.requestTimeout.components.seconds) * 1_000_000_000) }

  /// `?a=1&b=2` with SigV4's encoding (so the server canonicalises it as the signer did).
  static func queryText(_ query: [(name: String, value: String)]) -> String {
    guard !query.isEmpty else { return "" }
    return "?"
      + query.map {
        SigV4Encoding.uriEncode($0.name, keepSlash: false) + "=" + SigV4Encoding.uriEncode($0.value, keepSlash: false)
      }.joined(separator: "&")
  }

  /// The failure an error answer stands for, from its XML `<Error>` when it has one.
  static func failure(from response: S3Response) -> S3Failure {
    let document = S3XML.parse(response.body)
    let code = document?.value("Code") ?? defaultCode(response.status)
    let message = document?.value("Message") ?? ""
    return S3Failure(.status(response.status, code: code, message: message))
  }

  private static func defaultCode(_ status: Int) -> String {
    switch status {
    case 403: "AccessDenied"
    case 404: "NotFound"
    case 503: "SlowDown"
    default: ""
    }
  }

  /// One HTTP client for all stores of the process: pooled connections per host (64, as object
  /// stores serve many small requests at once), no redirects (a wrong region is an error to
  /// report, not to follow), and no connection retries of its own (the retrier decides).
  static let sharedHTTPClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    configuration.timeout = .init(connect: .seconds(5), read: .seconds(120))
    configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
    configuration.connectionPool.retryConnectionEstablishment = false
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
  }()
}
