import Testing
import VaneModel

@testable import VaneEngine

/// The budget of a round (`RoundLimits.budget`): fixed for small statuses, one more step for
/// every `growthBytes` of status, saturating instead of overflowing; and when it is spent.
@Suite("Round limits")
struct RoundLimitsTests {
  @Test func theBudgetGrowsByOneStepPerGrowthBytesOfStatus() {
    let limits = RoundLimits(transitions: 100, duration: .milliseconds(10), growthBytes: 1_000)
    #expect(limits.budget(forStatusOf: 0) == RoundBudget(transitions: 100, duration: .milliseconds(10)))
    #expect(limits.budget(forStatusOf: 999) == RoundBudget(transitions: 100, duration: .milliseconds(10)))
    #expect(limits.budget(forStatusOf: 1_000) == RoundBudget(transitions: 200, duration: .milliseconds(20)))
    #expect(limits.budget(forStatusOf: 3_500) == RoundBudget(transitions: 400, duration: .milliseconds(40)))
  }

  @Test func aRoundRunsAtLeastAMultipleOfWhatItsStatusCosts() {
    let limits = RoundLimits(duration: .milliseconds(10), growthBytes: .max, statusCostMultiple: 10)
    #expect(limits.budget(forStatusOf: 5_000, statusCost: .milliseconds(1)).duration == .milliseconds(10))
    let costly = limits.budget(forStatusOf: 5_000, statusCost: .milliseconds(30))
    #expect(costly == RoundBudget(transitions: 30_000, duration: .milliseconds(300)), "transitions grow alike")
    let off = RoundLimits(duration: .milliseconds(10), growthBytes: .max, statusCostMultiple: 0)
    #expect(off.budget(forStatusOf: 5_000, statusCost: .seconds(3)).duration == .milliseconds(10))
    #expect(limits.budget(forStatusOf: 0, statusCost: .seconds(86_400 * 365)).duration == .seconds(86_400))
  }

  @Test func aHugeStatusSaturatesTheBudgetInsteadOfOverflowing() {
    let limits = RoundLimits(transitions: .max / 2, duration: .seconds(3_600), growthBytes: 1)
    let budget = limits.budget(forStatusOf: .max)
    #expect(budget.transitions == .max)
    #expect(budget.duration == .seconds(86_400))
    #expect(RoundLimits.unbounded.budget(forStatusOf: 1 << 30).transitions == .max)
  }

  @Test func nonsenseSettingsAreClampedToTheSmallestThatWorks() {
    let limits = RoundLimits(
      transitions: -5, duration: .seconds(-1), growthBytes: 0, statusCostMultiple: -3, statusBytes: -1)
    #expect(limits.transitions == 1)
    #expect(limits.duration == .zero)
    #expect(limits.growthBytes == 1)
    #expect(limits.statusCostMultiple == 0)
    #expect(limits.statusBytes == 1)
  }

  @Test func aBudgetIsSpentByTransitionsOrByTime() {
    let budget = RoundBudget(transitions: 3, duration: .milliseconds(50))
    let start = WallTime(sinceEpoch: .seconds(1_000))
    #expect(!budget.isSpent(transitions: 2, start: start, now: start.advanced(by: .milliseconds(49))))
    #expect(budget.isSpent(transitions: 3, start: start, now: start))
    #expect(budget.isSpent(transitions: 0, start: start, now: start.advanced(by: .milliseconds(50))))
  }
}
