import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The engine's request to fork one attempt: what the forked task process gets instead of what a
/// cold start would give the process it spawns.
struct ForkRequest: Encodable, Equatable, Sendable {
  /// A resource limit: `RLIMIT_…` name, soft and hard value (-1: unlimited, as Python has it).
  struct Limit: Encodable, Equatable, Sendable {
    var name: String
    var soft: Int64
    var hard: Int64

    func encode(to encoder: any Encoder) throws {
      var container = encoder.unkeyedContainer()
      try container.encode(name)
      try container.encode(soft)
      try container.encode(hard)
    }
  }

  let type = "fork"
  /// The attempt's unique id.
  var id: String
  /// The rendered command, starting with a flytekit entrypoint.
  var argv: [String]
  /// The task process's whole environment.
  var env: [String: String]
  /// The attempt's work directory: its current directory and where the leader records itself.
  var cwd: String
  var stdout: String
  var stderr: String
  /// Modules the server imports before forking (the resolver's and the task's).
  var imports: [String]
  /// The limits a cold start would inherit from the engine.
  var limits: [Limit]

  private enum CodingKeys: String, CodingKey {
    case type, id, argv, env, cwd, stdout, stderr, imports, limits
  }

  /// The frame to send; nil when the request is over `ForkProtocol.maximumRequestBytes`.
  func frame() -> Data? {
    guard let payload = try? JSONEncoder().encode(self), payload.count <= ForkProtocol.maximumRequestBytes else {
      return nil
    }
    return ForkProtocol.frame(payload)
  }

  /// This process's limits, which a spawned process inherits and a forked one is given.
  static func engineLimits() -> [Limit] {
    #if os(Linux)
    let resources: [(String, Int32)] = [
      ("RLIMIT_CORE", Int32(RLIMIT_CORE.rawValue)), ("RLIMIT_CPU", Int32(RLIMIT_CPU.rawValue)),
      ("RLIMIT_DATA", Int32(RLIMIT_DATA.rawValue)), ("RLIMIT_FSIZE", Int32(RLIMIT_FSIZE.rawValue)),
      ("RLIMIT_NOFILE", Int32(RLIMIT_NOFILE.rawValue)), ("RLIMIT_STACK", Int32(RLIMIT_STACK.rawValue)),
      ("RLIMIT_AS", Int32(RLIMIT_AS.rawValue)), ("RLIMIT_NPROC", 6),  // not exported to Swift
    ]
    return resources.compactMap { name, resource in
      var limit = rlimit()
      guard getrlimit(__rlimit_resource_t(UInt32(resource)), &limit) == 0 else { return nil }
      return Limit(name: name, soft: pythonValue(limit.rlim_cur), hard: pythonValue(limit.rlim_max))
    }
    #else
    return []
    #endif
  }

  private static func pythonValue(_ value: rlim_t) -> Int64 {
    // RLIM_INFINITY is all ones; Python spells it -1.
    value > rlim_t(Int64.max) ? -1 : Int64(value)
  }
}
