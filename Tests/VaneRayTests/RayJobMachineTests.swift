import FlyteIDL
import Foundation
import Testing

@testable import VaneRay

@Suite struct RayJobMachineTests {
  let machine = RayJobMachine(contactTimeout: 300)
  let attempt = RayJobMachine.Attempt(submissionID: "e1-n0-0", address: "http://head:8265", owner: "file:///d/e1/n0/0")
  let start = Date(timeIntervalSince1970: 1_000_000)

  func job(
    _ status: RayJobDetails.Status, owner: String? = nil, errorType: String? = nil, exit: Int? = nil
  )
    -> RayJobDetails
  {
    RayJobDetails(
      submissionID: attempt.submissionID, status: status, message: "said", errorType: errorType, driverExitCode: exit,
      metadata: [RayJobMachine.ownerKey: owner ?? attempt.owner])
  }

  func submittedState(lastContact: Date? = nil) -> RayJobState {
    RayJobState(
      submissionID: attempt.submissionID, address: attempt.address, firstContact: start, submitted: true,
      lastContact: lastContact ?? start)
  }

  @Test func aJobTheClusterDoesNotHaveIsSubmitted() {
    let decision = machine.decide(attempt, stored: nil, observation: .missing, now: start)
    #expect(decision.step == .submit)
    #expect(!decision.state.submitted)
    #expect(decision.state.firstContact == start)
    let submitted = machine.submitted(decision.state, now: start + 1)
    #expect(submitted.submitted)
    #expect(submitted.lastContact == start + 1)
  }

  @Test func aJobAlreadyThereIsAdoptedNotSubmittedAgain() {
    for (status, step) in [
      (RayJobDetails.Status.pending, RayJobMachine.Step.waiting("said")), (.running, .running("said")),
      (.succeeded, .succeeded),
    ] {
      let decision = machine.decide(attempt, stored: nil, observation: .found(job(status)), now: start)
      #expect(decision.step == step)
      #expect(decision.state.submitted)
    }
  }

  @Test func anotherExecutionsJobWithTheSameIdIsNeverAdopted() {
    let decision = machine.decide(
      attempt, stored: nil, observation: .found(job(.running, owner: "file:///other/e1/n0/0")), now: start)
    guard case .failed(let failure) = decision.step else {
      Issue.record("expected a failure, got \(decision.step)")
      return
    }
    #expect(failure.code == .submissionIDTaken)
    #expect(!failure.retryable)
    #expect(failure.message.contains("file:///other/e1/n0/0"))
    #expect(failure.message.contains("ray job delete e1-n0-0"))
  }

  @Test func statusesMapToSteps() {
    let stored = submittedState()
    #expect(
      machine.decide(attempt, stored: stored, observation: .found(job(.pending)), now: start).step == .waiting("said"))
    #expect(
      machine.decide(attempt, stored: stored, observation: .found(job(.running)), now: start).step == .running("said"))
    #expect(
      machine.decide(attempt, stored: stored, observation: .found(job(.succeeded)), now: start).step == .succeeded)
    let failed = machine.decide(
      attempt, stored: stored, observation: .found(job(.failed, errorType: "JOB_ENTRYPOINT_COMMAND_ERROR", exit: 3)),
      now: start)
    #expect(failed.step == .failed(RayJobFailure.exited(3)))
    let newer = machine.decide(attempt, stored: stored, observation: .found(job(.other("DRAINING"))), now: start)
    #expect(newer.step == .running("Ray reports status DRAINING"))
  }

  @Test func aSubmittedJobThatVanishedIsARetryableSystemFailure() {
    let decision = machine.decide(attempt, stored: submittedState(), observation: .missing, now: start + 5)
    guard case .failed(let failure) = decision.step else {
      Issue.record("expected a failure, got \(decision.step)")
      return
    }
    #expect(failure.code == .jobVanished)
    #expect(failure.kind == .system)
    #expect(failure.retryable)
  }

  @Test func anUnreachableClusterIsWaitedForUntilTheContactTimeout() {
    // Before submission, counted from the first try.
    let first = machine.decide(attempt, stored: nil, observation: .unreachable("refused"), now: start)
    #expect(first.step == .unreachable("refused"))
    let later = machine.decide(attempt, stored: first.state, observation: .unreachable("refused"), now: start + 299)
    #expect(later.step == .unreachable("refused"))
    let tooLate = machine.decide(attempt, stored: later.state, observation: .unreachable("refused"), now: start + 300)
    guard case .failed(let failure) = tooLate.step else {
      Issue.record("expected a failure, got \(tooLate.step)")
      return
    }
    #expect(failure.code == .clusterUnreachable)
    #expect(failure.retryable)
    #expect(failure.message.contains("could not reach"))
  }

  @Test func afterSubmissionSilenceCountsFromTheLastAnswer() {
    let answered = machine.decide(
      attempt, stored: submittedState(), observation: .found(job(.running)), now: start + 1000)
    #expect(answered.state.lastContact == start + 1000)
    let silent = machine.decide(
      attempt, stored: answered.state, observation: .unreachable("timeout"), now: start + 1200)
    #expect(silent.step == .unreachable("timeout"))
    let lost = machine.decide(attempt, stored: silent.state, observation: .unreachable("timeout"), now: start + 1300)
    guard case .failed(let failure) = lost.step else {
      Issue.record("expected a failure, got \(lost.step)")
      return
    }
    #expect(failure.message.contains("lost contact"))
    #expect(failure.kind == .system)
  }
}
