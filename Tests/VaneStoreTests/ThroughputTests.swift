import Foundation
import Testing
import VaneStore

@Suite struct ThroughputTests {
  /// Prints a figure, asserts only correctness: 10,000 sequential CAS updates of a 2 KB status.
  @Test(arguments: StoreKind.allCases) func casUpdatesPerSecond(_ kind: StoreKind) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let updates = 10_000
      let status = Data((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 31) })
      let created = try await store.create(key("bench"), spec: Data(count: 64 * 1024), status: status, labels: [:])
      var version = created.metadata.version
      let clock = ContinuousClock()
      let elapsed = try await clock.measure {
        for _ in 0..<updates {
          version = try await store.update(key("bench"), expectedVersion: version, status: status, terminal: false)
        }
      }
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      print(
        "VaneStore (\(kind)): \(updates) CAS updates of a 2 KB status in \(elapsed): \(Int(Double(updates) / seconds)) updates/s"
      )

      // Read + update, as a round does it.
      let rounds = 5_000
      let roundTime = try await clock.measure {
        for _ in 0..<rounds {
          let current = try #require(try await store.getStatus(key("bench")))
          version = try await store.update(
            key("bench"), expectedVersion: current.metadata.version, status: status, terminal: false)
        }
      }
      let roundSeconds = Double(roundTime.components.seconds) + Double(roundTime.components.attoseconds) / 1e18
      print(
        "VaneStore (\(kind)): \(rounds) getStatus+update rounds in \(roundTime): \(Int(Double(rounds) / roundSeconds)) rounds/s"
      )
      #expect(version == created.metadata.version + ResourceVersion(updates + rounds))
    }
  }
}
