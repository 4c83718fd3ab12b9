import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps the engine's open file descriptors out of a spawned task process.
///
/// `vane serve` holds listening sockets (gRPC, HTTP), SQLite files and client connections. A
/// descriptor without `FD_CLOEXEC` — one opened by a library that forgot it, or inherited by the
/// engine itself — would otherwise live on in every task process, and a task that outlives the
/// server would keep the server's port bound. The spawned process therefore gets only the
/// descriptors the spawner sets up (0, 1, 2); everything from 3 up is closed in the child,
/// whatever its close-on-exec flag.
///
/// On Linux this is glibc's `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+, one
/// `close_range` in the child, no race with other threads opening descriptors meanwhile). Swift's
/// Glibc module does not export it (it sits behind `_GNU_SOURCE`), so it is looked up by name.
/// Where it is missing, every descriptor the engine has open at spawn time (read from
/// `/proc/self/fd`) gets a close action instead. On Darwin, `POSIX_SPAWN_CLOEXEC_DEFAULT` does
/// the same.
enum InheritedDescriptors {
  /// The lowest descriptor closed in the child.
  static let firstClosed: Int32 = 3

  #if canImport(Glibc)
  private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

  /// The address of `posix_spawn_file_actions_addclosefrom_np`, or nil when this libc lacks it.
  private static let closeFromAddress: UInt? = {
    guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
    guard let symbol = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
    return UInt(bitPattern: symbol)
  }()

  /// Whether the single close-from action is available (false: per-descriptor close actions).
  static var hasCloseFrom: Bool { closeFromAddress != nil }

  /// Adds to `actions`, after the actions already there, the closing of every descriptor from
  /// `first` (default `firstClosed`) up. Add it last: it applies to the descriptors open when it
  /// runs.
  static func closeAll(
    in actions: inout posix_spawn_file_actions_t, from first: Int32 = firstClosed
  ) throws(LocalProcessError) {
    if let address = closeFromAddress, let symbol = UnsafeRawPointer(bitPattern: address) {
      let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
      let result = closeFrom(&actions, first)
      guard result == 0 else { throw failure(result) }
      return
    }
    try closeEachOpen(in: &actions, from: first)
  }

  /// The fallback: a close action for each descriptor from `first` up that is open now.
  /// A descriptor another thread opens between this and the spawn is not covered.
  static func closeEachOpen(
    in actions: inout posix_spawn_file_actions_t, from first: Int32 = firstClosed
  ) throws(LocalProcessError) {
    for descriptor in openDescriptors() where descriptor >= first {
      // glibc ignores a close action on a descriptor that is no longer open by then.
      let result = posix_spawn_file_actions_addclose(&actions, descriptor)
      guard result == 0 else { throw failure(result) }
    }
  }

  /// The descriptors open in this process, from `/proc/self/fd`.
  static func openDescriptors() -> [Int32] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return names.compactMap { Int32($0) }.sorted()
  }

  private static func failure(_ code: Int32) -> LocalProcessError {
    let reason = String(cString: strerror(code))
    return LocalProcessError(.launchFailed, "could not prepare the task's file descriptors: \(reason)")
  }
  #endif
}
