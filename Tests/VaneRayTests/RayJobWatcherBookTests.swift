import Foundation
import Synchronization
import Testing

@testable import VaneRay

@Suite struct RayJobWatcherBookTests {
  let now = Date(timeIntervalSince1970: 2_000_000)

  final class Counter: Sendable {
    private let count = Mutex(0)
    var wakeUp: @Sendable () -> Void { { [self] in count.withLock { $0 += 1 } } }
    var value: Int { count.withLock { $0 } }
  }

  func job(_ status: RayJobDetails.Status, message: String = "") -> RayJobMachine.Observation {
    .found(RayJobDetails(submissionID: "j", status: status, message: message))
  }

  @Test func theFirstWatchStartsOneLoopThatEndsWhenNothingIsWatched() {
    var book = RayJobWatcher.Book()
    let counter = Counter()
    let first = book.watch("a", wakeUp: counter.wakeUp)
    let second = book.watch("b", wakeUp: counter.wakeUp)
    #expect(first && !second)
    let poll = book.nextPoll()
    #expect(poll == ["a", "b"])
    book.unwatch("a")
    book.unwatch("b")
    let last = book.nextPoll()
    #expect(last == nil)
    #expect(!book.polling)
    let again = book.watch("c", wakeUp: counter.wakeUp)
    #expect(again)
  }

  @Test func onlyAChangeOfStatusWakes() {
    var book = RayJobWatcher.Book()
    let counter = Counter()
    _ = book.watch("j", wakeUp: counter.wakeUp)
    // What the plugin itself saw and reported is the baseline…
    book.record("j", job(.pending), now: now)?()
    #expect(counter.value == 1)
    book.record("j", job(.pending, message: "reworded"), now: now)?()
    #expect(counter.value == 1)
    book.record("j", job(.running), now: now)?()
    #expect(counter.value == 2)
    book.record("j", .unreachable("refused"), now: now)?()
    #expect(counter.value == 2)
    book.record("j", job(.succeeded), now: now)?()
    #expect(counter.value == 3)
    book.record("j", .missing, now: now)?()
    #expect(counter.value == 4)
  }

  @Test func theLatestWakeUpIsCalledAndUnwatchedJobsAreIgnored() {
    var book = RayJobWatcher.Book()
    let first = Counter()
    let second = Counter()
    _ = book.watch("j", wakeUp: first.wakeUp)
    _ = book.watch("j", wakeUp: second.wakeUp)
    book.record("j", job(.running), now: now)?()
    #expect(first.value == 0 && second.value == 1)
    book.unwatch("j")
    let ignored = book.record("j", job(.failed), now: now)
    #expect(ignored == nil)
  }

  @Test func answersAgeOutAndUnreachableKeepsTheLastOne() {
    var book = RayJobWatcher.Book()
    _ = book.watch("j", wakeUp: {})
    #expect(book.latest("j", now: now, maxAge: 2) == nil)
    _ = book.record("j", job(.running), now: now)
    _ = book.record("j", .unreachable("refused"), now: now + 1)
    #expect(book.latest("j", now: now + 2, maxAge: 2) == job(.running))
    #expect(book.latest("j", now: now + 2.5, maxAge: 2) == nil)
  }

  @Test func manyWatchedJobsAreReadFromTheListUnlessTheHistoryIsLong() {
    var book = RayJobWatcher.Book()
    #expect(!book.prefersList(watching: 3))
    #expect(book.prefersList(watching: 4))
    book.listed(200)
    #expect(!book.prefersList(watching: 10))
    #expect(book.prefersList(watching: 14))
    book.listed(30)
    #expect(book.prefersList(watching: 4))
  }
}
