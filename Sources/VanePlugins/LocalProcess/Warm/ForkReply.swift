import Foundation

/// A message from a fork server, checked against the protocol.
enum ForkReply: Equatable, Sendable {
  /// What a server says once it is ready to fork.
  struct Hello: Equatable, Sendable {
    var protocolVersion: Int
    var pid: Int32
    var flytekit: String
    var python: String
    /// Whether the code bundle was unpacked (its modules can be imported before forking).
    var bundle: Bool
  }

  case hello(Hello)
  /// The attempt's leader runs as `pid`.
  case forked(id: String, pid: Int32)
  /// Nothing was forked for `id`; a `spent` server forks nothing more.
  case refused(id: String, reason: String, spent: Bool)
  /// The leader of attempt `id` ended with raw wait status `status`.
  case exited(id: String, pid: Int32, status: Int32)
  /// The server is about to exit.
  case fatal(reason: String)

  private struct Wire: Decodable {
    var type: String
    var id: String?
    var pid: Int32?
    var status: Int32?
    var reason: String?
    var spent: Bool?
    var `protocol`: Int?
    var flytekit: String?
    var python: String?
    var bundle: Bool?
  }

  /// Reads one frame's payload.
  init(payload: some Collection<UInt8>) throws(ForkProtocolError) {
    let wire: Wire
    do {
      wire = try JSONDecoder().decode(Wire.self, from: Data(payload))
    } catch {
      throw ForkProtocolError("a reply is not a JSON message of the fork protocol: \(error)")
    }
    func require<T>(_ value: T?, _ field: String) throws(ForkProtocolError) -> T {
      guard let value else { throw ForkProtocolError("a '\(wire.type)' reply lacks '\(field)'") }
      return value
    }
    func validPID() throws(ForkProtocolError) -> Int32 {
      let pid = try require(wire.pid, "pid")
      guard pid > 1 else { throw ForkProtocolError("a '\(wire.type)' reply names pid \(pid)") }
      return pid
    }
    switch wire.type {
    case "hello":
      self = .hello(
        Hello(
          protocolVersion: try require(wire.protocol, "protocol"), pid: try validPID(),
          flytekit: wire.flytekit ?? "", python: wire.python ?? "", bundle: wire.bundle ?? false))
    case "forked":
      self = .forked(id: try require(wire.id, "id"), pid: try validPID())
    case "refused":
      self = .refused(id: try require(wire.id, "id"), reason: wire.reason ?? "", spent: wire.spent ?? false)
    case "exited":
      self = .exited(id: try require(wire.id, "id"), pid: try validPID(), status: try require(wire.status, "status"))
    case "fatal":
      self = .fatal(reason: wire.reason ?? "")
    default:
      throw ForkProtocolError("unknown reply type '\(wire.type)'")
    }
  }
}
