import FlyteIDL
import Testing
import VaneTesting

@testable import VaneEngine

/// The cache's decisions alone: every path through `CacheDecision`, fed by hand.
@Suite("Cache decision")
struct CacheDecisionTests {
  static let key = CacheKey(value: "proj/dev/t/1-abc/def")

  func decision(
    stored: Flyteidl_Core_CatalogCacheStatus = .cacheDisabled, overwrite: Bool = false, serializable: Bool = false
  ) -> CacheDecision {
    CacheDecision(stored: stored, overwrite: overwrite, serializable: serializable, reservationLifetime: .seconds(30))
  }

  @Test func aHitAnswersWithoutRunning() {
    var machine = decision()
    #expect(machine.start() == .computeKey)
    #expect(machine.keyComputed(.key(Self.key)) == .lookUp(Self.key))
    #expect(machine.lookedUp(.hit) == .hit)
    #expect(machine.status == .cacheHit)
  }

  @Test func aMissRunsThenStoresASuccess() {
    var machine = decision()
    _ = machine.start()
    _ = machine.keyComputed(.key(Self.key))
    #expect(machine.lookedUp(.miss) == .run)
    #expect(machine.status == .cacheMiss)
    #expect(machine.ran(.succeeded(outputs: true)) == .store(Self.key))
    #expect(machine.stored(true) == .finish)
    #expect(machine.status == .cachePopulated)
  }

  @Test func aStoreThatFailsIsAPutFailure() {
    var machine = decision()
    _ = machine.start()
    _ = machine.keyComputed(.key(Self.key))
    _ = machine.lookedUp(.miss)
    _ = machine.ran(.succeeded(outputs: true))
    #expect(machine.stored(false) == .finish)
    #expect(machine.status == .cachePutFailure)
  }

  @Test func unfinishedRunsAndOutputlessSuccessesStoreNothing() {
    var running = decision()
    _ = running.start()
    _ = running.keyComputed(.key(Self.key))
    _ = running.lookedUp(.miss)
    #expect(running.ran(.unfinished) == .finish)

    var outputless = decision()
    _ = outputless.start()
    _ = outputless.keyComputed(.key(Self.key))
    _ = outputless.lookedUp(.miss)
    #expect(outputless.ran(.succeeded(outputs: false)) == .finish)
    #expect(outputless.status == .cacheMiss)
  }

  @Test func aTaskWithoutACacheVersionIsNotCached() {
    var machine = decision()
    _ = machine.start()
    #expect(machine.keyComputed(.disabled) == .run)
    #expect(machine.ran(.succeeded(outputs: true)) == .finish)
    #expect(machine.status == nil)
  }

  @Test func aKeyThatCannotBeComputedRunsAndTriesAgainToStore() {
    var machine = decision()
    _ = machine.start()
    #expect(machine.keyComputed(.failed) == .run)
    #expect(machine.status == .cacheLookupFailure)
    #expect(machine.ran(.succeeded(outputs: true)) == .computeKey)
    #expect(machine.keyComputed(.key(Self.key)) == .store(Self.key))
  }

  @Test func overwriteSkipsTheLookupAndReplacesTheEntry() {
    var machine = decision(overwrite: true, serializable: true)
    _ = machine.start()
    #expect(machine.keyComputed(.key(Self.key)) == .run)
    #expect(machine.status == .cacheSkipped)
    #expect(machine.ran(.succeeded(outputs: true)) == .store(Self.key))
    #expect(machine.stored(true) == .finish, "no reservation when overwriting")
  }

  @Test func serializedMissesReserveFirstAndReleaseAfter() {
    var machine = decision(serializable: true)
    _ = machine.start()
    _ = machine.keyComputed(.key(Self.key))
    #expect(machine.lookedUp(.miss) == .reserve(Self.key))
    #expect(machine.status == nil, "undecided until the reservation is ours")
    #expect(machine.reserved(.acquired) == .run)
    #expect(machine.status == .cacheMiss)
    #expect(machine.ran(.failed) == .release(Self.key))
    #expect(machine.released() == .finish)
  }

  @Test func aReservationHeldElsewhereWaitsUndecided() {
    var machine = decision(serializable: true)
    _ = machine.start()
    _ = machine.keyComputed(.key(Self.key))
    _ = machine.lookedUp(.failed)
    let holder = CacheCatalog.Reservation(owner: "other", expiresAt: 0)
    #expect(machine.reserved(.heldBy(holder)) == .wait(holder: "other"))
    #expect(machine.status == nil)
  }

  @Test func aRunningOwnerExtendsItsReservation() {
    var machine = decision(stored: .cacheMiss, serializable: true)
    #expect(machine.start() == .computeKey)
    #expect(machine.wakeUpAfter == .seconds(10))
    #expect(machine.keyComputed(.key(Self.key)) == .reserve(Self.key))
    let holder = CacheCatalog.Reservation(owner: "other", expiresAt: 0)
    #expect(machine.reserved(.heldBy(holder)) == .run, "lost it after an expiry: keeps running, as Flyte does")
    #expect(machine.ran(.succeeded(outputs: true)) == .store(Self.key))
    #expect(machine.stored(true) == .release(Self.key))
  }

  @Test func aDecidedNodeRunsWithoutLookingUpAgain() {
    var machine = decision(stored: .cacheMiss)
    #expect(machine.start() == .run)
    #expect(machine.wakeUpAfter == nil)
    #expect(machine.ran(.succeeded(outputs: true)) == .computeKey)
  }
}
