import FlyteIDL
import Synchronization
import Testing
import VaneModel

@testable import VanePlugins

@Suite struct ResourceTests {
  @Test(
    arguments: [
      ("500m", 500), ("2", 2000), ("0.5", 500), ("1.5", 1500), ("100m", 100), ("2e0", 2000), ("0.1", 100),
      (" 3 ", 3000),
    ] as [(String, Int64)])
  func cpu(text: String, millicores: Int64) {
    #expect(ResourceQuantity.cpuMillicores(text) == millicores)
  }

  @Test(
    arguments: [
      ("1Gi", 1 << 30), ("512Mi", 512 << 20), ("1G", 1_000_000_000), ("100M", 100_000_000), ("2Ki", 2048),
      ("1024", 1024), ("1.5Gi", 3 << 29), ("1e6", 1_000_000), ("128k", 128_000),
    ] as [(String, Int64)])
  func memory(text: String, bytes: Int64) {
    #expect(ResourceQuantity.memoryBytes(text) == bytes)
  }

  @Test(arguments: ["", "abc", "1Q", "-1", "Gi", "1 Gi", "1e"])
  func rejects(text: String) {
    #expect(ResourceQuantity.value(text) == nil)
  }

  @Test func requestFallsBackToLimitThenDefault() throws {
    var resources = Flyteidl_Core_Resources()
    var limit = Flyteidl_Core_Resources.ResourceEntry()
    limit.name = .memory
    limit.value = "1Gi"
    resources.limits = [limit]
    var cpu = Flyteidl_Core_Resources.ResourceEntry()
    cpu.name = .cpu
    cpu.value = "2"
    resources.requests = [cpu]
    let fallback = ResourceAmount(cpuMillicores: 250, memoryBytes: 256 << 20)
    #expect(
      try ResourceAmount.requested(by: resources, fallback: fallback)
        == .init(cpuMillicores: 2000, memoryBytes: 1 << 30))
    #expect(try ResourceAmount.requested(by: .init(), fallback: fallback) == fallback)
    resources.requests[0].value = "two"
    #expect(throws: LocalProcessError.self) { try ResourceAmount.requested(by: resources, fallback: fallback) }
  }

  @Test func poolServesInArrivalOrder() {
    let pool = ResourcePool(capacity: .init(cpuMillicores: 1000, memoryBytes: 1000))
    let woken = Mutex<[String]>([])
    func wake(_ id: String) -> @Sendable () -> Void { { woken.withLock { $0.append(id) } } }
    #expect(pool.acquire("a", amount: .init(cpuMillicores: 600, memoryBytes: 100), wakeUp: wake("a")) == .acquired)
    // b does not fit; c would fit but must not overtake b.
    #expect(
      pool.acquire("b", amount: .init(cpuMillicores: 800, memoryBytes: 100), wakeUp: wake("b")) == .waiting(ahead: 0))
    #expect(
      pool.acquire("c", amount: .init(cpuMillicores: 100, memoryBytes: 100), wakeUp: wake("c")) == .waiting(ahead: 1))
    // Asking again keeps the place and does not double-book.
    #expect(pool.acquire("a", amount: .init(cpuMillicores: 600, memoryBytes: 100), wakeUp: wake("a")) == .acquired)
    #expect(
      pool.acquire("c", amount: .init(cpuMillicores: 100, memoryBytes: 100), wakeUp: wake("c")) == .waiting(ahead: 1))
    pool.release("a")
    #expect(woken.withLock { $0 } == ["b", "c"])
    #expect(pool.holds("b") && pool.holds("c"))
    #expect(pool.free == .init(cpuMillicores: 100, memoryBytes: 800))
    pool.release("b")
    pool.release("c")
    pool.release("c")
    #expect(pool.free == pool.capacity)
  }

  @Test func oversizedRequestsTakeTheWholeMachine() {
    let pool = ResourcePool(capacity: .init(cpuMillicores: 1000, memoryBytes: 1000))
    #expect(pool.acquire("big", amount: .init(cpuMillicores: 9000, memoryBytes: 1), wakeUp: {}) == .acquired)
    #expect(pool.free.cpuMillicores == 0)
    pool.adopt("old", amount: .init(cpuMillicores: 500, memoryBytes: 0))
    #expect(pool.free.cpuMillicores == -500)
    pool.release("big")
    pool.release("old")
    #expect(pool.free == pool.capacity)
  }
}
