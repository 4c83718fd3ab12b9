import Testing
import VaneModel
import VaneTesting

@testable import VanePlugins

/// The fork protocol's engine side as a pure machine: every transition, with time passed in.
@Suite struct ForkServerStateMachineTests {
  typealias Machine = ForkServer.StateMachine

  let timeouts = Machine.Timeouts(start: .seconds(30), fork: .seconds(10), idle: .seconds(60))
  let hello = ForkReply.Hello(
    protocolVersion: ForkProtocol.version, pid: 40, flytekit: "1.16.0", python: "3.11", bundle: true)

  func request(_ id: String) -> ForkRequest {
    ForkRequest(
      id: id, argv: ["pyflyte-execute"], env: [:], cwd: "/w/\(id)", stdout: "/w/\(id)/o", stderr: "/w/\(id)/e",
      imports: [], limits: [])
  }

  func ready(at now: Duration = .zero) -> Machine {
    var machine = Machine(timeouts: timeouts, now: now)
    _ = machine.received(.hello(hello), now: now)
    return machine
  }

  @Test func helloMakesItReadyAndStartsTheIdleClock() {
    var machine = Machine(timeouts: timeouts, now: .zero)
    #expect(machine.nextDeadline == .seconds(30))
    #expect(!machine.isIdle)
    #expect(machine.received(.hello(hello), now: .seconds(2)) == [.becameReady(hello)])
    #expect(machine.phase == .ready(hello))
    #expect(machine.isIdle)
    #expect(machine.nextDeadline == .seconds(62))
  }

  @Test func anotherProtocolIsRefused() {
    var machine = Machine(timeouts: timeouts, now: .zero)
    var other = hello
    other.protocolVersion = 2
    let actions = machine.received(.hello(other), now: .zero)
    #expect(actions == [.stop(.failed("it speaks protocol 2, not 1"))])
    #expect(machine.nextDeadline == nil)
  }

  @Test func notStartingInTimeFailsIt() {
    var machine = Machine(timeouts: timeouts, now: .zero)
    #expect(machine.tick(now: .seconds(29)) == [])
    #expect(machine.tick(now: .seconds(30)) == [.stop(.failed("it did not start within 30.0 seconds"))])
    #expect(machine.tick(now: .seconds(31)) == [])
  }

  @Test func aForkBeforeReadyOrAfterStopIsUnavailable() {
    var machine = Machine(timeouts: timeouts, now: .zero)
    #expect(
      machine.requestFork(request("a"), now: .zero) == [
        .resolve(id: "a", .unavailable("the warm Python environment is still starting"))
      ])
    _ = machine.received(.fatal(reason: "cannot import flytekit"), now: .zero)
    #expect(
      machine.requestFork(request("b"), now: .zero) == [
        .resolve(
          id: "b", .unavailable("the warm Python environment cannot serve these tasks: cannot import flytekit"))
      ])
  }

  @Test func aForkIsSentResolvedAndItsEndReported() {
    var machine = ready()
    #expect(machine.requestFork(request("a"), now: .seconds(1)) == [.send(request("a"))])
    #expect(!machine.isIdle)
    #expect(machine.nextDeadline == .seconds(11))
    #expect(machine.received(.forked(id: "a", pid: 50), now: .seconds(2)) == [.resolve(id: "a", .forked(pid: 50))])
    // Running attempts keep it busy: no idle deadline.
    #expect(machine.nextDeadline == nil)
    #expect(machine.received(.exited(id: "a", pid: 51, status: 0), now: .seconds(3)) == [])
    #expect(
      machine.received(.exited(id: "a", pid: 50, status: 3 << 8), now: .seconds(5)) == [
        .attemptEnded(id: "a", .exited(3))
      ])
    #expect(machine.isIdle)
    #expect(machine.nextDeadline == .seconds(65))
  }

  @Test func signalsInTheWaitStatusAreReported() {
    #expect(Machine.outcome(9) == .signaled(9))
    #expect(Machine.outcome(15 | 0x80) == .signaled(15))
    #expect(Machine.outcome(0) == .exited(0))
  }

  @Test func aSecondRequestForTheSameAttemptIsRefused() {
    var machine = ready()
    _ = machine.requestFork(request("a"), now: .zero)
    #expect(
      machine.requestFork(request("a"), now: .zero) == [
        .resolve(id: "a", .refused("attempt a is already being forked"))
      ])
  }

  @Test func aRefusalLeavesItUsableUnlessSpent() {
    var machine = ready()
    _ = machine.requestFork(request("a"), now: .zero)
    #expect(
      machine.received(.refused(id: "a", reason: "cwd is not a directory", spent: false), now: .zero) == [
        .resolve(id: "a", .refused("cwd is not a directory"))
      ])
    #expect(machine.isIdle)
    _ = machine.requestFork(request("b"), now: .zero)
    _ = machine.requestFork(request("c"), now: .zero)
    #expect(
      machine.received(.refused(id: "b", reason: "threads", spent: true), now: .zero) == [
        .resolve(id: "b", .refused("threads")),
        .resolve(id: "c", .unavailable("the warm Python environment cannot serve these tasks: threads")),
        .stop(.spent("threads")),
      ])
  }

  @Test func aHungForkStopsItAndEveryAttemptIsAccountedFor() {
    var machine = ready()
    _ = machine.requestFork(request("a"), now: .zero)
    _ = machine.received(.forked(id: "a", pid: 50), now: .zero)
    _ = machine.requestFork(request("b"), now: .seconds(1))
    #expect(machine.tick(now: .seconds(10)) == [])
    let problem = "it did not answer a fork request within 10.0 seconds"
    #expect(
      machine.tick(now: .seconds(11)) == [
        .resolve(id: "b", .unavailable("the warm Python environment failed: \(problem)")),
        .attemptEnded(id: "a", .lost),
        .stop(.failed(problem)),
      ])
    #expect(machine.phase == .stopped(.failed(problem)))
    #expect(machine.received(.forked(id: "b", pid: 60), now: .seconds(12)) == [])
  }

  @Test func aLostConnectionFailsItOnce() {
    var machine = ready()
    _ = machine.requestFork(request("a"), now: .zero)
    #expect(
      machine.connectionLost("it hung up") == [
        .resolve(id: "a", .unavailable("the warm Python environment failed: it hung up")),
        .stop(.failed("it hung up")),
      ])
    #expect(machine.connectionLost("its process ended") == [])
    #expect(machine.stopRequested() == [])
  }

  @Test func idleServersStopAfterTheirTimeoutOnly() {
    var machine = ready(at: .seconds(5))
    #expect(machine.tick(now: .seconds(64)) == [])
    _ = machine.requestFork(request("a"), now: .seconds(64))
    _ = machine.received(.forked(id: "a", pid: 50), now: .seconds(64))
    #expect(machine.tick(now: .seconds(500)) == [], "a running attempt keeps it")
    _ = machine.received(.exited(id: "a", pid: 50, status: 0), now: .seconds(500))
    #expect(machine.tick(now: .seconds(559)) == [])
    #expect(machine.tick(now: .seconds(560)) == [.stop(.idle)])
  }

  @Test func repliesOutOfPlaceBreakTheProtocol() {
    var machine = Machine(timeouts: timeouts, now: .zero)
    let actions = machine.received(.forked(id: "a", pid: 50), now: .zero)
    #expect(actions == [.stop(.failed("it broke the protocol: unexpected forked while starting"))])
    var ready = ready()
    #expect(
      ready.received(.hello(hello), now: .zero) == [
        .stop(.failed("it broke the protocol: unexpected hello while ready"))
      ])
  }

  @Test func stopRequestedIsAnOrderlyStopOnceReady() {
    var machine = ready()
    #expect(machine.stopRequested() == [.stop(.idle)])
    #expect(machine.isIdle == false)
    var starting = Machine(timeouts: timeouts, now: .zero)
    #expect(starting.stopRequested() == [.stop(.failed("it was stopped before it started"))])
  }
}
