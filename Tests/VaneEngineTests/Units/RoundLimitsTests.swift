import Testing
import VaneModel

@testable import VaneEngine

/// The budget of a round (`RoundLimits.budget`): fixed while the status is cheap, grown to a
/// multiple of what the status costs, saturating instead of overflowing; and when it is spent.
@Suite("Round limits")
struct RoundLimitsTests {
  @Test func aCheapStatusGetsTheFixedBudget() {
    let limits = RoundLimits(transitions: 100, duration: .milliseconds(10))
    #expect(limits.budget() == RoundBudget(transitions: 100, duration: .milliseconds(10)))
    #expect(limits.budget(statusCost: .microseconds(900)) == RoundBudget(transitions: 100, duration: .milliseconds(10)))
  }

  @Test func anExecutionsFirstRoundIsShortWhateverItsStatusCosts() {
    let limits = RoundLimits(transitions: 100, duration: .milliseconds(50), firstRoundDuration: .milliseconds(5))
    #expect(
      limits.budget(statusCost: .seconds(1), firstRound: true)
        == RoundBudget(transitions: 100, duration: .milliseconds(5)))
    #expect(
      RoundLimits(duration: .milliseconds(5), firstRoundDuration: .seconds(1)).firstRoundDuration == .milliseconds(5))
  }

  @Test func roundsThatSpentTheirBudgetDoubleTheNextUpToTheLongest() {
    let limits = RoundLimits(transitions: 100, duration: .milliseconds(50), longestDuration: .milliseconds(300))
    let durations = (0..<5).map { limits.budget(spentRounds: $0).duration }
    #expect(durations == [50, 100, 200, 300, 300].map { Duration.milliseconds($0) })
    #expect(limits.budget(spentRounds: 2).transitions == 400, "transitions double alike")
    #expect(limits.budget(spentRounds: 1_000).duration == .milliseconds(300))
    #expect(RoundLimits(duration: .milliseconds(50), longestDuration: .zero).longestDuration == .milliseconds(50))
  }

  @Test func aRoundRunsAtLeastAMultipleOfWhatItsStatusCosts() {
    let limits = RoundLimits(duration: .milliseconds(10), statusCostMultiple: 10)
    #expect(limits.budget(statusCost: .milliseconds(1)).duration == .milliseconds(10))
    let costly = limits.budget(statusCost: .milliseconds(30))
    #expect(costly == RoundBudget(transitions: 30_000, duration: .milliseconds(300)), "transitions grow alike")
    let off = RoundLimits(duration: .milliseconds(10), statusCostMultiple: 0)
    #expect(off.budget(statusCost: .seconds(3)).duration == .milliseconds(10))
    #expect(limits.budget(statusCost: .seconds(86_400 * 365)).duration == .seconds(86_400))
  }

  @Test func aCostlyStatusSaturatesTheBudgetInsteadOfOverflowing() {
    let limits = RoundLimits(transitions: .max / 2, duration: .seconds(3_600), statusCostMultiple: 10)
    let budget = limits.budget(statusCost: .seconds(86_400 * 365 * 1_000))
    #expect(budget.transitions == .max)
    #expect(budget.duration == .seconds(86_400))
    #expect(RoundLimits.unbounded.budget(statusCost: .seconds(60)).transitions == .max)
  }

  @Test func nonsenseSettingsAreClampedToTheSmallestThatWorks() {
    let limits = RoundLimits(
      transitions: -5, duration: .seconds(-1), statusCostMultiple: -3, statusBytes: -1)
    #expect(limits.transitions == 1)
    #expect(limits.duration == .zero)
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
