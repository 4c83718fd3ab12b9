import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts a task command as a process of its own, wrapped in a shell that records the exit status.
///
/// The process:
/// - runs `<shell> -c <wrapper> vane-task <work dir> <command…>`: the wrapper writes its pid to
///   `pid`, changes to the work directory, runs the command with SIGTERM/SIGINT/SIGHUP trapped
///   for itself (the command gets them as usual and the wrapper outlives it), and writes the
///   command's exit status to `exit`
///   — so the status survives even when the engine is gone by then;
/// - leads a new session and process group (`setsid`): signals sent to the engine's terminal or
///   process group (Ctrl-C, a closed terminal) do not reach it, an engine killed with `kill -9`
///   leaves it running (it is re-attached on restart), and `abort` signals the whole group;
/// - has stdin on `/dev/null`, stdout and stderr appended to `stdout.log` / `stderr.log`, every
///   signal at its default disposition and none blocked, and exactly the given environment;
/// - inherits no other file descriptor of the engine, close-on-exec or not (see
///   `InheritedDescriptors`): a task that outlives `vane serve` cannot keep its port or its
///   database open.
enum ProcessSpawner {
  /// `$0` of the wrapper, so a wrapper can be recognised in `/proc/<pid>/cmdline`.
  static let wrapperName = "vane-task"

  /// `$1` is the work directory, the rest the command. A SIGTERM, SIGINT or SIGHUP that reaches
  /// the wrapper before the command starts is remembered and the command is not started, so an
  /// early abort is recorded like the shell would report the command killed by it (128+N).
  static let wrapperScript = #"""
    d=$1; shift; echo $$ > "$d/pid"; cd "$d" || exit 126
    t=0; trap 't=143' TERM; trap 't=130' INT; trap 't=129' HUP
    if [ $t = 0 ]; then "$@"; s=$?; else s=$t; fi
    echo $s > "$d/exit"; exit $s
    """#

  /// Spawns the wrapped command and returns the wrapper's pid.
  static func spawn(
    shell: String, directory: AttemptDirectory, command: [String], environment: [String: String]
  ) throws(LocalProcessError) -> Int32 {
    let argv = [shell, "-c", wrapperScript, wrapperName, directory.path] + command
    let envp = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }

    #if canImport(Darwin)
    var actions: posix_spawn_file_actions_t? = nil
    var attributes: posix_spawnattr_t? = nil
    // Only the descriptors set up below survive into the child.
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

    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, directory.stdoutLog, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, directory.stderrLog, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    #if canImport(Glibc)
    try InheritedDescriptors.closeAll(in: &actions)
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
    let result = withCStrings(argv) { cArgv in
      withCStrings(envp) { cEnvp in
        posix_spawn(&pid, shell, &actions, &attributes, cArgv, cEnvp)
      }
    }
    guard result == 0 else {
      let reason = String(cString: strerror(result))
      throw LocalProcessError(.launchFailed, "could not start \(shell) for the task: \(reason)")
    }
    return pid
  }

  /// Calls `body` with a NULL-terminated array of C strings that lives for the call.
  static func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
  ) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { buffer in
      // The array holds at least the terminating nil, so the base address exists.
      body(buffer.baseAddress!)
    }
  }
}
