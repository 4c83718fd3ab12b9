import FlyteIDL
import Testing

@testable import VaneRay

@Suite struct RayJobFailureTests {
  func failed(_ errorType: String?, exit: Int? = nil, message: String = "why") -> RayJobFailure {
    RayJobFailure(
      RayJobDetails(submissionID: "j", status: .failed, message: message, errorType: errorType, driverExitCode: exit))
  }

  @Test func entrypointExitsAreUserErrorsExceptSignals() {
    let plain = failed("JOB_ENTRYPOINT_COMMAND_ERROR", exit: 1)
    #expect(plain.code == .nonZeroExit && plain.kind == .user && plain.retryable)
    let missing = failed("JOB_ENTRYPOINT_COMMAND_ERROR", exit: 127)
    #expect(missing.code == .commandNotFound && !missing.retryable)
    let notExecutable = failed("JOB_ENTRYPOINT_COMMAND_ERROR", exit: 126)
    #expect(notExecutable.code == .commandNotFound)
    let signaled = failed("JOB_ENTRYPOINT_COMMAND_ERROR", exit: -9)
    #expect(signaled.code == .killedBySignal && signaled.kind == .system && signaled.retryable)
    #expect(signaled.message.contains("signal 9"))
    let shellSignaled = failed("JOB_ENTRYPOINT_COMMAND_ERROR", exit: 137)
    #expect(shellSignaled.code == .killedBySignal && shellSignaled.message.contains("signal 9"))
    // No error type but an exit code (older Ray): read the exit code.
    #expect(failed(nil, exit: 2).code == .nonZeroExit)
  }

  @Test func aLostNodeIsARetryableSystemError() {
    let lost = failed("JOB_SUPERVISOR_ACTOR_DIED", message: "The actor died because its node has died.")
    #expect(lost.code == .systemFailure && lost.kind == .system && lost.retryable)
    #expect(lost.message.contains("node has died"))
    for type in ["JOB_SUPERVISOR_ACTOR_START_TIMEOUT", "JOB_SUPERVISOR_ACTOR_UNKNOWN_FAILURE", "SOMETHING_NEW"] {
      let failure = failed(type)
      #expect(failure.kind == .system && failure.retryable)
    }
    #expect(failed(nil).kind == .system)
  }

  @Test func theTasksOwnConfigurationIsTheUsersFault() {
    let environment = failed("RUNTIME_ENV_SETUP_FAILURE", message: "pip failed")
    #expect(environment.code == .runtimeEnvironmentFailed && environment.kind == .user && environment.retryable)
    let unschedulable = failed("JOB_SUPERVISOR_ACTOR_UNSCHEDULABLE")
    #expect(unschedulable.code == .unschedulable && unschedulable.kind == .user && !unschedulable.retryable)
  }

  /// Ray 2.60's job monitor overwrites the outcome of a job that ended before it first looked
  /// for the job's supervisor (seen on a loaded machine): that is Ray losing the job.
  @Test func aSupervisorRaysMonitorNeverFoundIsARetryableSystemError() {
    let lost = failed(
      "JOB_SUPERVISOR_ACTOR_START_FAILURE", message: "Unexpected error occurred: failed to get job supervisor.")
    #expect(lost.code == .systemFailure && lost.kind == .system && lost.retryable)
    #expect(lost.message.contains("lost track"))
  }

  @Test func optionsRayRefusesAreNotRetried() {
    let refused = failed(
      "JOB_SUPERVISOR_ACTOR_START_FAILURE",
      message:
        "Failed to start supervisor actor x: 'runtime_env['pip'] must be of type str'. Full traceback:\nTraceback…")
    #expect(refused.code == .rejected && refused.kind == .user && !refused.retryable)
    #expect(refused.message.hasSuffix("'runtime_env['pip'] must be of type str'."))
  }

  @Test func aJobStoppedOutsideVaneIsNotRetried() {
    let stopped = RayJobFailure(
      RayJobDetails(submissionID: "j", status: .stopped, message: "Job was intentionally stopped."))
    #expect(stopped.code == .stoppedOutside && !stopped.retryable)
    #expect(stopped.message.contains("intentionally stopped"))
  }

  @Test func longTracebacksAreCutToTheirLastLines() {
    let traceback = (1...40).map { "line \($0)" }.joined(separator: "\n")
    let failure = failed("JOB_SUPERVISOR_ACTOR_UNKNOWN_FAILURE", message: traceback)
    #expect(failure.message.contains("line 40"))
    #expect(!failure.message.contains("line 3\n"))
  }
}
