import FlyteIDL
import Testing
import VaneData
import VaneEngine
import VaneModel
import VaneTesting

/// The pure mapping from a handler's verdict to the stored node phase, and the retry budgets.
@Suite("NodePhaseRules")
struct NodePhaseRulesTests {
  static let budget = NodePhaseRules.Budget(userRetries: 2, systemRetries: 3)

  static func status(attempts: UInt32, systemFailures: UInt32 = 0) -> Vane_NodeStatus {
    var status = Vane_NodeStatus()
    status.attempts = attempts
    status.systemFailures = systemFailures
    return status
  }

  @Test func nonFailingVerdictsMapOneToOne() {
    var status = Self.status(attempts: 1)
    #expect(NodePhaseRules.apply(.waiting("no cpu"), to: &status, budget: Self.budget) == .queued)
    #expect(NodePhaseRules.apply(.running(), to: &status, budget: Self.budget) == .running)
    status.error = .make(code: "Old", message: "an earlier attempt failed", kind: .user)
    #expect(
      NodePhaseRules.apply(.success(outputs: DataURI("file:///x/outputs.pb")), to: &status, budget: Self.budget)
        == .succeeding)
    #expect(status.outputsUri == "file:///x/outputs.pb")
    #expect(!status.hasError, "success clears the last attempt's error")
    #expect(NodePhaseRules.apply(.success(outputs: nil), to: &status, budget: Self.budget) == .succeeding)
    #expect(status.outputsUri.isEmpty)
  }

  @Test func aPermanentFailureFailsWhateverTheBudget() {
    var status = Self.status(attempts: 1)
    let error = Flyteidl_Core_ExecutionError.make(code: "Bad", message: "no", kind: .user)
    #expect(NodePhaseRules.apply(.failure(error), to: &status, budget: Self.budget) == .failing)
    #expect(status.error == error)
    #expect(status.systemFailures == 0)
  }

  /// With retries=2, the first and second user failures retry; the third (after 3 attempts) fails.
  @Test(arguments: [(UInt32(1), NodePhase.retryable), (2, .retryable), (3, .failing), (4, .failing)])
  func userFailuresSpendRetries(attempts: UInt32, expected: NodePhase) {
    var status = Self.status(attempts: attempts)
    let error = Flyteidl_Core_ExecutionError.make(code: "E", message: "user", kind: .user)
    #expect(NodePhaseRules.apply(.retryableFailure(error), to: &status, budget: Self.budget) == expected)
    #expect(status.error == error)
    #expect(status.systemFailures == 0)
  }

  /// With 3 system retries, the 1st–3rd system failures retry; the 4th fails.
  @Test(arguments: [(UInt32(0), NodePhase.retryable), (2, .retryable), (3, .failing)])
  func systemFailuresSpendTheirOwnBudget(earlierFailures: UInt32, expected: NodePhase) {
    var status = Self.status(attempts: earlierFailures + 1, systemFailures: earlierFailures)
    let error = Flyteidl_Core_ExecutionError.make(code: "E", message: "system", kind: .system)
    #expect(NodePhaseRules.apply(.retryableFailure(error), to: &status, budget: Self.budget) == expected)
    #expect(status.systemFailures == earlierFailures + 1)
  }

  @Test func systemFailuresDoNotCountAsUserFailures() {
    // 5 attempts: 3 system failures, now a 2nd user failure; retries=2 still allows it.
    var status = Self.status(attempts: 5, systemFailures: 3)
    let user = Flyteidl_Core_ExecutionError.make(code: "E", message: "user", kind: .user)
    #expect(NodePhaseRules.apply(.retryableFailure(user), to: &status, budget: Self.budget) == .retryable)
    status.attempts = 6
    #expect(NodePhaseRules.apply(.retryableFailure(user), to: &status, budget: Self.budget) == .failing)
  }

  @Test func zeroBudgetsFailTheFirstRetryableFailure() {
    let none = NodePhaseRules.Budget(userRetries: 0, systemRetries: 0)
    var user = Self.status(attempts: 1)
    #expect(
      NodePhaseRules.apply(.retryableFailure(.make(code: "E", message: "u", kind: .user)), to: &user, budget: none)
        == .failing)
    var system = Self.status(attempts: 1)
    #expect(
      NodePhaseRules.apply(.retryableFailure(.make(code: "E", message: "s", kind: .system)), to: &system, budget: none)
        == .failing)
  }
}
