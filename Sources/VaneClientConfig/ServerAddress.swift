/// A server endpoint as flytekit/flytectl configs and `--endpoint` write it: `host:port`, with an
/// optional `dns:///` (gRPC target syntax, what `vane serve` writes), `grpc://` or `http://`
/// prefix, and IPv6 hosts in brackets. Anything else is refused rather than dialled.
public struct ServerAddress: Equatable, Sendable, CustomStringConvertible {
  public let host: String
  public let port: Int

  public init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  /// The address in `text`, or nil when it is not `[scheme]host:port` with a port in 1…65535.
  public init?(parsing text: String) {
    // Bounded: an endpoint is a host name and a port, never kilobytes.
    guard text.utf8.count <= 1024 else { return nil }
    var rest = Substring(text)
    for prefix in ["dns:///", "grpc://", "http://"] where rest.hasPrefix(prefix) {
      rest = rest.dropFirst(prefix.count)
    }
    guard let colon = rest.lastIndex(of: ":"), colon != rest.startIndex,
      let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port)
    else { return nil }
    var host = rest[..<colon]
    if host.hasPrefix("["), host.hasSuffix("]") {
      host = host.dropFirst().dropLast()
    } else if host.contains(":") {
      // An IPv6 address without brackets: its last ':' cannot be told from the port's.
      return nil
    }
    guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else { return nil }
    self.host = String(host)
    self.port = port
  }

  /// `host:port` (IPv6 hosts bracketed), the form messages and `--endpoint` use.
  public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
