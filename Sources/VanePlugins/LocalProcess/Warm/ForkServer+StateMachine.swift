extension ForkServer {
  /// What the engine knows about one fork server, as a pure machine: events in (time passed in
  /// as a duration since the engine's origin), actions out, no I/O.
  ///
  /// ```
  ///            hello (our protocol)
  ///  starting ─────────────────────▶ ready ◀──┐ fork / forked / refused / exited
  ///     │                             │  └────┘
  ///     │ start deadline, fatal,      │ fork deadline passed (hang), fatal, refused+spent,
  ///     │ bad frame, hang-up          │ bad frame, hang-up, idle deadline, stop()
  ///     ▼                             ▼
  ///   stopped ◀───────────────────────┘
  /// ```
  /// On stopping, every fork still waiting for a reply resolves as `unavailable` (the caller
  /// starts the attempt cold) and every attempt still running is reported `lost` (its leader
  /// lives on in its own session; the engine watches it by pid from then on).
  struct StateMachine {
    /// How long each step may take.
    struct Timeouts: Equatable, Sendable {
      /// From spawn to `hello`: interpreter start, flytekit import, bundle unpacking.
      var start: Duration
      /// From a fork request to its reply, imports of the task's modules included.
      var fork: Duration
      /// How long a server with nothing to do stays.
      var idle: Duration
    }

    /// Why a server stopped.
    enum StopReason: Equatable, Sendable {
      /// Idle past its timeout, or asked to stop: it is told to exit (hang-up).
      case idle
      /// It broke, hung or died: it is killed, and counts against its environment.
      case failed(String)
      /// It cannot serve this environment and bundle, now or ever: flytekit does not import, or
      /// an import left threads or sockets behind. They start cold from now on.
      case spent(String)
    }

    /// How a fork request ended.
    enum ForkOutcome: Equatable, Sendable {
      case forked(pid: Int32)
      /// The server did not fork it; it is still usable.
      case refused(String)
      /// The server is gone or going; start the attempt some other way.
      case unavailable(String)
    }

    enum Action: Equatable, Sendable {
      case becameReady(ForkReply.Hello)
      case send(ForkRequest)
      case resolve(id: String, ForkOutcome)
      case attemptEnded(id: String, ExitWaiter.Outcome)
      case stop(StopReason)
    }

    enum Phase: Equatable {
      case starting
      case ready(ForkReply.Hello)
      case stopped(StopReason)
    }

    let timeouts: Timeouts
    private(set) var phase = Phase.starting
    private var startDeadline: Duration
    /// Fork requests sent and not answered, with their deadlines.
    private var waiting: [String: Duration] = [:]
    /// Attempts whose leader was forked and has not ended.
    private var running: [String: Int32] = [:]
    private var idleSince: Duration

    init(timeouts: Timeouts, now: Duration) {
      self.timeouts = timeouts
      self.startDeadline = now + timeouts.start
      self.idleSince = now
    }

    /// Whether the server is ready and has nothing to do.
    var isIdle: Bool {
      guard case .ready = phase else { return false }
      return waiting.isEmpty && running.isEmpty
    }

    /// When `tick` has something to do next, nil when never.
    var nextDeadline: Duration? {
      switch phase {
      case .starting: return startDeadline
      case .ready: return waiting.values.min() ?? (running.isEmpty ? idleSince + timeouts.idle : nil)
      case .stopped: return nil
      }
    }

    mutating func requestFork(_ request: ForkRequest, now: Duration) -> [Action] {
      switch phase {
      case .ready where waiting[request.id] == nil && running[request.id] == nil:
        waiting[request.id] = now + timeouts.fork
        return [.send(request)]
      case .ready:
        return [.resolve(id: request.id, .refused("attempt \(request.id) is already being forked"))]
      case .starting:
        return [.resolve(id: request.id, .unavailable("the warm Python environment is still starting"))]
      case .stopped(let reason):
        return [.resolve(id: request.id, .unavailable(Self.describe(reason)))]
      }
    }

    mutating func received(_ reply: ForkReply, now: Duration) -> [Action] {
      switch (phase, reply) {
      case (.starting, .hello(let hello)) where hello.protocolVersion == ForkProtocol.version:
        phase = .ready(hello)
        idleSince = now
        return [.becameReady(hello)]
      case (.starting, .hello(let hello)):
        return stop(.failed("it speaks protocol \(hello.protocolVersion), not \(ForkProtocol.version)"))
      case (_, .fatal(let reason)):
        return stop(.spent(reason))
      case (.ready, .forked(let id, let pid)):
        // Not a request that is waiting (a server answering twice): nothing to resolve.
        guard waiting.removeValue(forKey: id) != nil else { return [] }
        running[id] = pid
        return [.resolve(id: id, .forked(pid: pid))]
      case (.ready, .refused(let id, let reason, let spent)):
        let actions: [Action] =
          waiting.removeValue(forKey: id) != nil ? [.resolve(id: id, .refused(reason))] : []
        return spent ? actions + stop(.spent(reason)) : actions + becameIdle(now)
      case (.ready, .exited(let id, let pid, let status)):
        guard running[id] == pid else { return [] }
        running[id] = nil
        return [.attemptEnded(id: id, Self.outcome(status))] + becameIdle(now)
      case (.stopped, _):
        return []
      default:
        let state = if case .starting = phase { "starting" } else { "ready" }
        return stop(.failed("it broke the protocol: unexpected \(Self.name(reply)) while \(state)"))
      }
    }

    /// The connection broke: a bad frame, a failed write, a hang-up, or the process ended.
    mutating func connectionLost(_ problem: String) -> [Action] {
      stop(.failed(problem))
    }

    /// Asks the server to stop (idle eviction, shutdown); one still starting is killed.
    mutating func stopRequested() -> [Action] {
      if case .starting = phase { return stop(.failed("it was stopped before it started")) }
      return stop(.idle)
    }

    mutating func tick(now: Duration) -> [Action] {
      switch phase {
      case .starting where now >= startDeadline:
        return stop(.failed("it did not start within \(timeouts.start)"))
      case .ready where waiting.values.contains { now >= $0 }:
        return stop(.failed("it did not answer a fork request within \(timeouts.fork)"))
      case .ready where isIdle && now >= idleSince + timeouts.idle:
        return stop(.idle)
      default:
        return []
      }
    }

    private mutating func becameIdle(_ now: Duration) -> [Action] {
      if isIdle { idleSince = now }
      return []
    }

    private mutating func stop(_ reason: StopReason) -> [Action] {
      if case .stopped = phase { return [] }
      phase = .stopped(reason)
      let description = Self.describe(reason)
      var actions: [Action] = waiting.keys.sorted().map { .resolve(id: $0, .unavailable(description)) }
      actions += running.keys.sorted().map { .attemptEnded(id: $0, .lost) }
      waiting = [:]
      running = [:]
      return actions + [.stop(reason)]
    }

    static func describe(_ reason: StopReason) -> String {
      switch reason {
      case .idle: "the warm Python environment was stopped"
      case .failed(let problem): "the warm Python environment failed: \(problem)"
      case .spent(let problem): "the warm Python environment cannot serve these tasks: \(problem)"
      }
    }

    /// A raw wait status as `ExitWaiter` reports it.
    static func outcome(_ status: Int32) -> ExitWaiter.Outcome {
      let low = status & 0x7f
      return low == 0 ? .exited((status >> 8) & 0xff) : .signaled(low)
    }

    private static func name(_ reply: ForkReply) -> String {
      switch reply {
      case .hello: "hello"
      case .forked: "forked"
      case .refused: "refused"
      case .exited: "exited"
      case .fatal: "fatal"
      }
    }
  }
}
