import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ForkServer {
  /// The descriptor the server finds its end of the connection on.
  static let controlDescriptor: Int32 = 3

  /// Starts `<interpreter…> <script> 3 <directory> <archive>` with one end of a new socket
  /// pair as fd 3, stdin on `/dev/null`, stdout and stderr appended to `<directory>/server.log`,
  /// its own session (signals to the engine's terminal do not reach it; a kill of its group
  /// reaches nothing of the attempts, whose leaders have sessions of their own) and no other
  /// descriptor of the engine. Returns its pid and the engine's end (close-on-exec).
  static func spawn(
    _ spec: WarmServerSpec, script: String, directory: String
  ) throws(LocalProcessError) -> (pid: Int32, socket: Int32) {
    var pair: [Int32] = [-1, -1]
    #if os(Linux)
    let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #else
    let type = SOCK_STREAM
    #endif
    guard socketpair(AF_UNIX, type, 0, &pair) == 0 else { throw failure("could not create a socket pair", errno) }
    var serverEnd = pair[1]
    if serverEnd == controlDescriptor {
      // dup2 onto itself would keep close-on-exec set.
      serverEnd = fcntl(pair[1], F_DUPFD_CLOEXEC, controlDescriptor + 1)
      close(pair[1])
    }
    defer { close(serverEnd) }
    let argv = spec.interpreter + [script, String(controlDescriptor), directory, spec.archive ?? ""]
    let envp = spec.environment.merging(["TMPDIR": directory + "/tmp"]) { $1 }.sorted { $0.key < $1.key }
      .map { "\($0.key)=\($0.value)" }

    #if canImport(Darwin)
    var actions: posix_spawn_file_actions_t? = nil
    var attributes: posix_spawnattr_t? = nil
    let ownFlags = Int16(POSIX_SPAWN_SETSID) | Int16(POSIX_SPAWN_CLOEXEC_DEFAULT)
    #else
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    let ownFlags: Int16 = 0x80  // POSIX_SPAWN_SETSID in glibc (not exported to Swift)
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    let log = directory + "/server.log"
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    posix_spawn_file_actions_adddup2(&actions, serverEnd, controlDescriptor)
    #if canImport(Glibc)
    try InheritedDescriptors.closeAll(in: &actions, from: controlDescriptor + 1)
    #endif
    var defaults = sigset_t()
    sigfillset(&defaults)
    sigdelset(&defaults, SIGKILL)
    sigdelset(&defaults, SIGSTOP)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(&attributes, ownFlags | Int16(POSIX_SPAWN_SETSIGDEF) | Int16(POSIX_SPAWN_SETSIGMASK))

    var pid: pid_t = 0
    let result = ProcessSpawner.withCStrings(argv) { cArgv in
      ProcessSpawner.withCStrings(envp) { cEnvp in
        posix_spawn(&pid, argv[0], &actions, &attributes, cArgv, cEnvp)
      }
    }
    guard result == 0 else {
      close(pair[0])
      throw failure("could not start \(argv[0])", result)
    }
    return (pid, pair[0])
  }

  private static func failure(_ what: String, _ code: Int32) -> LocalProcessError {
    LocalProcessError(.launchFailed, "\(what) for a warm Python environment: \(String(cString: strerror(code)))")
  }
}
