import HummingbirdCore
import NIOCore

/// How much one client can ask of `vane serve` (the `limits` section): concurrent calls per
/// connection, request sizes per kind of entity, the bytes of one list page, and upload sizes.
/// A request over its limit is refused with `RESOURCE_EXHAUSTED` before it is decoded; a list
/// page stops early (with a token for the rest) when its entities would pass `responseBytes`.
public struct ServerLimits: Sendable, Hashable {
  /// `streams_per_connection`: concurrent calls on one HTTP/2 connection.
  public var streamsPerConnection = 100
  /// `request_bytes`: any request not listed below.
  public var requestBytes = 4 << 20
  /// `registration_bytes`: `CreateTask`, `CreateWorkflow`, `CreateLaunchPlan`.
  public var registrationBytes = 16 << 20
  /// `execution_bytes`: `CreateExecution` (inputs travel inline).
  public var executionBytes = 8 << 20
  /// `response_bytes`: entities in one list page (flytekit accepts 20 MiB messages).
  public var responseBytes = 16 << 20
  /// `upload_bytes`: one file through a signed upload URL.
  public var uploadBytes: Int64 = 4 << 30

  public init() {}

  /// How long a connection without calls stays open (gRPC) or without a request (HTTP).
  static let idleConnection = Duration.seconds(30 * 60)

  /// HTTP/1.1 with an idle timeout, so a flood of idle connections is shed.
  static var http1: HTTPServerBuilder { .http1(configuration: .init(idleTimeout: .seconds(120))) }

  /// Methods whose requests carry whole registered entities.
  static let registrationMethods: Set<String> = ["CreateTask", "CreateWorkflow", "CreateLaunchPlan"]
  /// Methods whose requests carry execution inputs.
  static let executionMethods: Set<String> = ["CreateExecution"]

  /// The largest request `method` accepts.
  public func requestBytes(for method: String) -> Int {
    if Self.registrationMethods.contains(method) { return registrationBytes }
    if Self.executionMethods.contains(method) { return executionBytes }
    return requestBytes
  }

  /// The largest request any method accepts (the transport's own cap).
  public var largestRequest: Int { max(requestBytes, registrationBytes, executionBytes) }
}
