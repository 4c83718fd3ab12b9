#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// The system calls `read` and `write`, named apart from `LocalFiles.read`/`write` (which
/// read and write whole files) so a call site says which one it means.
enum SystemCall {
  static func read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Darwin)
    Darwin.read(descriptor, buffer, count)
    #else
    Glibc.read(descriptor, buffer, count)
    #endif
  }

  static func write(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Darwin)
    Darwin.write(descriptor, buffer, count)
    #else
    Glibc.write(descriptor, buffer, count)
    #endif
  }
}
