import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reaps a child process on a small dedicated thread blocked in `waitpid` — no polling — and
/// reports how it ended.
///
/// One thread per running child (64 KiB of stack): local tasks are bounded by the machine's
/// capacity, so there are few. A thread (not a Swift task) because `waitpid` blocks, and
/// blocking a cooperative-pool thread would starve the engine. Only the given pid is waited for,
/// so other children of the engine process are never reaped by mistake.
enum ExitWaiter {
  /// How a reaped child ended.
  enum Outcome: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)
    /// The child was reaped elsewhere; how it ended is unknown here.
    case lost
  }

  /// Starts waiting for `pid`; `onExit` runs on the waiter thread once the child is reaped.
  static func watch(pid: Int32, onExit: @escaping @Sendable (Outcome) -> Void) {
    let thread = Thread {
      onExit(reap(pid))
    }
    thread.name = "vane-wait-\(pid)"
    thread.stackSize = 64 << 10
    thread.start()
  }

  /// Blocks until `pid` ends and reaps it.
  static func reap(_ pid: Int32) -> Outcome {
    var status: Int32 = 0
    while true {
      let result = waitpid(pid, &status, 0)
      if result == pid { break }
      if result < 0 && errno == EINTR { continue }
      // ECHILD: already reaped elsewhere; nothing more can be learnt.
      return .lost
    }
    let low = status & 0x7f
    if low == 0 { return .exited((status >> 8) & 0xff) }
    return .signaled(low)
  }
}
