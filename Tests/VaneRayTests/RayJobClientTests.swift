import Foundation
import Testing
import VaneTesting

@testable import VaneRay

#if canImport(Glibc)
import Glibc
#endif

/// The HTTP client against a real Ray cluster (see `RayTestCluster`).
@Suite struct RayJobClientTests {
  @Test func submitLookUpReadLogsAndRefuseADuplicate() async throws {
    let client = RayJobClient(address: try RayTestCluster.address.get())
    let id = "vane-client-" + UUID().uuidString.lowercased()
    let submission = RayJobSubmission(
      entrypoint: "echo hello from $RAY_JOB_NAME_VANE", submissionID: id,
      runtimeEnvironment: Data(#"{"env_vars": {"RAY_JOB_NAME_VANE": "ray"}}"#.utf8), metadata: ["vane.test": "1"],
      resources: RayEntrypointResources(cpus: 0.1))
    try await client.submit(submission)
    do {
      try await client.submit(submission)
      Issue.record("a second job with the same submission id was accepted")
    } catch {
      #expect(error.message.contains("already exists"), "\(error)")
    }
    var details = try #require(try await client.job(id))
    #expect(details.metadata["vane.test"] == "1")
    let listed = try await client.jobs()
    #expect(listed[id]?.metadata["vane.test"] == "1")
    try await eventually("the job ended") {
      details = (try? await client.job(id)) ?? details
      return details.status.isTerminal
    }
    #expect(details.status == .succeeded, "\(details)")
    #expect(details.driverExitCode == 0)
    let logs = try await client.logs(id, limit: 1 << 20)
    #expect(logs.contains("hello from ray"))
    do {
      _ = try await client.logs(id, limit: 10)
      Issue.record("a log over the limit was read")
    } catch {
      #expect(error.kind == .malformed)
    }
  }

  @Test func unknownJobsAreNilAndStoppingThemIsFalse() async throws {
    let client = RayJobClient(address: try RayTestCluster.address.get())
    #expect(try await client.job("vane-no-such-job") == nil)
    #expect(try await client.stop("vane-no-such-job") == false)
    #expect(!(try await client.version()).isEmpty)
  }

  @Test func aClosedPortIsUnreachable() async throws {
    let address = try #require(RayAddress("http://127.0.0.1:\(closedPort())"))
    let client = RayJobClient(address: address, timeout: .seconds(20))
    do {
      _ = try await client.job("x")
      Issue.record("a closed port answered")
    } catch {
      #expect(error.kind == .unreachable)
      #expect(error.message.contains("127.0.0.1"))
    }
  }
}

/// A loopback port nothing listens on (bound, then closed).
func closedPort() -> Int {
  let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer { close(socket) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  address.sin_port = 0
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  _ = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
  }
  _ = withUnsafeMutablePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
  }
  return Int(UInt16(bigEndian: address.sin_port))
}
