import Testing
import VaneEngine
import VaneTesting

/// Prints throughput figures; asserts only that every key was processed.
@Suite("WorkQueue benchmark")
struct WorkQueueBenchmarkTests {
  static let keys = 100_000
  static let workers = 8

  struct NoOp: Reconciler {
    let processed: Locked<Int>
    func reconcile(_ key: Int) async -> ReconcileOutcome {
      processed.withLock { $0 += 1 }
      return .done
    }
  }

  @Test func addGetDoneThroughput() async {
    let queue = WorkQueue<Int>(name: "bench")
    let processed = Locked(0)
    let start = ContinuousClock.now
    await withDiscardingTaskGroup { group in
      for _ in 0..<Self.workers {
        group.addTask {
          var mine = 0
          while let key = await queue.get() {
            queue.done(key)
            mine += 1
          }
          processed.withLock { [mine] in $0 += mine }
        }
      }
      for key in 0..<Self.keys { queue.add(key) }
      queue.shutDown()
    }
    let seconds = Self.seconds(start.duration(to: .now))
    print(
      "WorkQueue: \(Self.keys) keys, \(Self.workers) workers: "
        + "\(Int(Double(Self.keys) / seconds)) add+get+done/s (\(Int(3 * Double(Self.keys) / seconds)) ops/s)")
    #expect(processed.value == Self.keys)
  }

  @Test func workerPoolThroughput() async throws {
    let queue = WorkQueue<Int>(name: "bench-pool")
    let processed = Locked(0)
    let pool = WorkerPool(
      queue: queue, reconciler: NoOp(processed: processed), configuration: .init(workers: Self.workers))
    let start = ContinuousClock.now
    try await withThrowingTaskGroup { group in
      group.addTask { await pool.run() }
      for key in 0..<Self.keys { queue.add(key) }
      try await eventually("all keys processed", within: .seconds(120)) { processed.value == Self.keys }
      group.cancelAll()
    }
    let seconds = Self.seconds(start.duration(to: .now))
    print("WorkerPool: \(Self.keys) keys, \(Self.workers) workers: \(Int(Double(Self.keys) / seconds)) rounds/s")
    #expect(processed.value == Self.keys)
  }

  static func seconds(_ duration: Duration) -> Double {
    let (whole, attoseconds) = duration.components
    return max(Double(whole) + Double(attoseconds) / 1e18, 1e-9)
  }
}
