import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The address `vane serve` binds, resolved from the configured host: an IPv4 or IPv6
/// literal as given, a name (`localhost`, this machine's name) through the resolver — the
/// gRPC transport binds only IP addresses. Also what to tell clients: `advertised` is the
/// configured advertised host, else the bound host, else (for a wildcard) this machine's name;
/// `urlHost` puts IPv6 addresses in brackets.
public struct ListenAddress: Sendable, Hashable {
  /// The IP literal to bind.
  public var ip: String
  /// True for an IPv6 address.
  public var isIPv6: Bool
  /// The host name clients are given.
  public var advertised: String

  /// Resolves `host`; throws `ServeError(.listenFailed)` for a name that does not resolve.
  public init(host: String, advertised: String? = nil) throws(ServeError) {
    let trimmed = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    if Self.isIPv4(trimmed) {
      (ip, isIPv6) = (trimmed, false)
    } else if Self.isIPv6(trimmed) {
      (ip, isIPv6) = (trimmed, true)
    } else if let resolved = Self.resolve(trimmed) {
      (ip, isIPv6) = resolved
    } else {
      throw ServeError(.listenFailed, "cannot resolve '\(host)' to an address to listen on", at: "server.host")
    }
    if let advertised, !advertised.isEmpty {
      self.advertised = advertised
    } else if ip == "0.0.0.0" || ip == "::" {
      self.advertised = ProcessInfo.processInfo.hostName
    } else {
      self.advertised = Self.isIPv4(trimmed) || Self.isIPv6(trimmed) ? ip : trimmed
    }
  }

  /// True when only this machine can reach the address (127.0.0.0/8, ::1).
  public var isLoopback: Bool { ip.hasPrefix("127.") || ip == "::1" }

  /// `advertised`, bracketed when it is an IPv6 literal, for URLs and `host:port` endpoints.
  public var urlHost: String { Self.isIPv6(advertised) ? "[\(advertised)]" : advertised }

  static func isIPv4(_ text: String) -> Bool {
    var address = in_addr()
    return inet_pton(AF_INET, text, &address) == 1
  }

  static func isIPv6(_ text: String) -> Bool {
    var address = in6_addr()
    return inet_pton(AF_INET6, text, &address) == 1
  }

  /// The first address `name` resolves to, preferring IPv4.
  static func resolve(_ name: String) -> (String, Bool)? {
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else { return nil }
    defer { freeaddrinfo(list) }
    var found: [(String, Bool)] = []
    var entry: UnsafeMutablePointer<addrinfo>? = first
    while let current = entry {
      var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
      if current.pointee.ai_family == AF_INET {
        var address = current.pointee.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
          $0.pointee.sin_addr
        }
        if inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count)) != nil {
          found.append((Self.text(buffer), false))
        }
      } else if current.pointee.ai_family == AF_INET6 {
        var address = current.pointee.ai_addr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
          $0.pointee.sin6_addr
        }
        if inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil {
          found.append((Self.text(buffer), true))
        }
      }
      entry = current.pointee.ai_next
    }
    return found.first { !$0.1 } ?? found.first
  }

  /// The text of a NUL-terminated C buffer.
  private static func text(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
