import Foundation
import Testing
import VaneTesting

@testable import VanePlugins

#if canImport(Glibc)
import Glibc

/// A task process must not keep the engine's sockets and files open: only 0, 1 and 2 survive.
/// Serialized: the fallback closes what is open when the actions are built, so a descriptor the
/// other test opens meanwhile would leak into its child (the race `closefrom` does not have).
@Suite(.serialized) struct InheritedDescriptorsTests {
  @Test func glibcProvidesCloseFrom() {
    // glibc 2.34+ has it; the fallback is for older ones.
    #expect(InheritedDescriptors.hasCloseFrom)
  }

  @Test func spawnedTaskSeesOnlyStandardDescriptors() async throws {
    let temporary = try TemporaryDirectory()
    defer { temporary.remove() }
    let listener = try ListeningSocket()
    let file = open(temporary.path, O_RDONLY)  // no O_CLOEXEC on purpose
    #expect(file >= 0)
    defer { close(file) }
    #expect(fcntl(listener.descriptor, F_GETFD) & FD_CLOEXEC == 0)
    #expect(fcntl(file, F_GETFD) & FD_CLOEXEC == 0)

    let directory = AttemptDirectory(root: temporary.path, uniqueID: "fds")
    try directory.create()
    let pid = try ProcessSpawner.spawn(
      shell: "/bin/sh", directory: directory, command: ["sleep", "30"], environment: ["PATH": "/usr/bin:/bin"])
    defer {
      kill(-pid, SIGKILL)
      _ = ExitWaiter.reap(pid)
    }
    let command = try await waitForChild(of: pid)
    #expect(descriptors(of: pid) == ["0", "1", "2"])
    #expect(descriptors(of: command) == ["0", "1", "2"])

    // With the engine's copy closed, nothing listens on the port any more.
    listener.close()
    #expect(listener.connectionRefused())
  }

  @Test func fallbackClosesEveryOpenDescriptor() async throws {
    let listener = try ListeningSocket()
    defer { listener.close() }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    try InheritedDescriptors.closeEachOpen(in: &actions)
    var pid: pid_t = 0
    var argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("30"), nil]
    defer { for pointer in argv { free(pointer) } }
    let result = posix_spawn(&pid, "/bin/sleep", &actions, nil, &argv, nil)
    #expect(result == 0)
    defer {
      kill(pid, SIGKILL)
      _ = ExitWaiter.reap(pid)
    }
    // /proc/<pid>/exe turns into sleep once the exec is done.
    try await eventually("the spawned process to exec sleep") {
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe"))?.hasSuffix("sleep") == true
    }
    #expect(descriptors(of: pid) == ["0", "1", "2"])
  }

  /// The descriptors open in `pid`, as sorted numbers.
  private func descriptors(of pid: Int32) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
    return names.sorted { (Int($0) ?? 0) < (Int($1) ?? 0) }
  }

  /// The first child of `pid`, once it appeared and ran its command.
  private func waitForChild(of pid: Int32) async throws -> Int32 {
    try await eventually("the wrapper to start its command") { () -> Int32? in
      let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
      guard let first = children.split(separator: " ").first, let child = Int32(first) else { return nil }
      // The child may still be the forked shell; wait for the exec.
      let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(child)/exe")
      return exe?.hasSuffix("sleep") == true ? child : nil
    }
  }
}

/// A TCP socket listening on a free loopback port, opened without `SOCK_CLOEXEC`.
private struct ListeningSocket {
  struct Failure: Error { let step: String }

  let descriptor: Int32
  let port: UInt16

  init() throws {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw Failure(step: "socket") }
    var address = Self.loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
    }
    guard bound == 0, named == 0, listen(descriptor, 16) == 0 else {
      _ = Glibc.close(descriptor)
      throw Failure(step: "bind/listen")
    }
    self.descriptor = descriptor
    self.port = UInt16(bigEndian: address.sin_port)
  }

  func close() { _ = Glibc.close(descriptor) }

  /// Whether a connection to the port is refused (no process listens on it).
  func connectionRefused() -> Bool {
    let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { _ = Glibc.close(client) }
    var address = Self.loopback(port: port)
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    return result != 0 && errno == ECONNREFUSED
  }

  private static func loopback(port: UInt16) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
    return address
  }
}
#endif
