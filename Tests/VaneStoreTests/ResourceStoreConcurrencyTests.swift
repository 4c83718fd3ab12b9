import Foundation
import Testing
import VaneStore

@Suite struct ResourceStoreConcurrencyTests {
  @Test(arguments: StoreKind.allCases) func exactlyOneOfManyWritersWinsTheSameVersion(_ kind: StoreKind) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let created = try await store.create(key("race"), spec: Data(), status: Data(), labels: [:])
      let results = await withTaskGroup(of: (Int, StoreError.Code?).self) { group in
        for writer in 0..<16 {
          group.addTask {
            do throws(StoreError) {
              _ = try await store.update(
                key("race"), expectedVersion: created.metadata.version, status: bytes("writer \(writer)"),
                terminal: false)
              return (writer, nil)
            } catch {
              return (writer, error.code)
            }
          }
        }
        return await group.reduce(into: [(Int, StoreError.Code?)]()) { $0.append($1) }
      }
      let winners = results.filter { $0.1 == nil }
      #expect(winners.count == 1)
      #expect(results.filter { $0.1 == .conflict }.count == 15)
      let winner = try #require(winners.first?.0)
      #expect(try await store.get(key("race"))?.status == bytes("writer \(winner)"))
    }
  }

  @Test(arguments: StoreKind.allCases) func racingReadModifyWriteLoopsLoseNoUpdate(_ kind: StoreKind) async throws {
    try await withStore(kind) { subject in
      let store = subject.store
      let created = try await store.create(key("counter"), spec: Data(), status: bytes("0"), labels: [:])
      let writers = 8
      let attemptsPerWriter = 150
      let wins = try await withThrowingTaskGroup(of: [ResourceVersion].self) { group in
        for _ in 0..<writers {
          group.addTask {
            var won: [ResourceVersion] = []
            for _ in 0..<attemptsPerWriter {
              let current = try #require(try await store.getStatus(key("counter")))
              let count = Int(String(decoding: current.status, as: UTF8.self)) ?? -1
              let outcome = await storeErrorCode {
                _ = try await store.update(
                  key("counter"), expectedVersion: current.metadata.version, status: bytes("\(count + 1)"),
                  terminal: false)
              }
              switch outcome {
              case nil: won.append(current.metadata.version)
              case .conflict?: await Task.yield()
              case let other?: Issue.record("unexpected error \(other)")
              }
            }
            return won
          }
        }
        return try await group.reduce(into: [ResourceVersion]()) { $0 += $1 }
      }
      // Every successful update consumed a distinct expected version: one winner per version.
      #expect(Set(wins).count == wins.count)
      #expect(!wins.isEmpty)
      let final = try #require(try await store.get(key("counter")))
      // Only this resource changes, so each success took exactly one revision.
      #expect(final.metadata.version == created.metadata.version + ResourceVersion(wins.count))
      #expect(String(decoding: final.status, as: UTF8.self) == "\(wins.count)")
    }
  }
}
