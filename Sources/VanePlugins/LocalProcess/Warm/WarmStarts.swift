import Foundation
import Synchronization

/// The fork servers of one plugin instance, one per `WarmServerSpec` (Python environment and code
/// bundle): started on first need, shared by every attempt with that spec, replaced when they
/// fail, stopped when idle or when a newer spec needs their place.
///
/// After a server of a spec failed, its attempts start cold for `retryDelay` before another server
/// is tried, so attempts never wait on one broken server after another. A spec whose servers keep
/// failing (`failureLimit` times in a row), whose environment cannot host a fork server at all
/// (no flytekit, threads at import) or whose imports make forking unsafe starts cold from then on.
final class WarmStarts: Sendable {
  /// What an attempt gets when it asks for a server.
  enum Lease {
    /// Fork from this server now.
    case ready(ForkServer)
    /// A server for the spec has been starting for `age`; the attempt's execution is woken
    /// when it is ready (or has failed).
    case warming(age: Duration)
    /// Start cold, for this reason.
    case unavailable(String)
  }

  /// How warm starts behave.
  struct Settings: Sendable {
    /// Where servers keep their directories (and the script).
    var directory: String
    var timeouts: ForkServer.StateMachine.Timeouts
    /// At most this many servers at once.
    var maximumServers: Int
    /// Failures in a row after which a spec starts cold.
    var failureLimit = 3
    /// How long a spec starts cold after one of its servers failed.
    var retryDelay = Duration.seconds(60)
  }

  private struct Entry {
    var server: ForkServer
    var ready = false
    var waiters: [@Sendable () -> Void] = []
    var lastUsed: Duration
    var startedAt: Duration
  }

  private struct State {
    var entries: [WarmServerSpec: Entry] = [:]
    var failures: [WarmServerSpec: (count: Int, retryAt: Duration)] = [:]
    var coldOnly: [WarmServerSpec: String] = [:]
    var serial = 0
  }

  let settings: Settings
  private let clock: WarmClock
  private let state = Mutex(State())

  init(settings: Settings, clock: WarmClock) {
    self.settings = settings
    self.clock = clock
  }

  /// The server for `spec`, starting one when there is none; `wakeUp` is called once a server
  /// that is still starting is ready (or has failed).
  func lease(_ spec: WarmServerSpec, wakeUp: @escaping @Sendable () -> Void) -> Lease {
    let now = clock.now()
    var evicted: ForkServer?
    let decision: Lease? = state.withLock { state in
      if let reason = state.coldOnly[spec] { return .unavailable(reason) }
      if let failures = state.failures[spec], now < failures.retryAt, state.entries[spec] == nil {
        return .unavailable("its warm Python environment failed \(failures.count) time(s) lately")
      }
      if var entry = state.entries[spec] {
        entry.lastUsed = now
        if !entry.ready { entry.waiters.append(wakeUp) }
        state.entries[spec] = entry
        return entry.ready ? .ready(entry.server) : .warming(age: now - entry.startedAt)
      }
      if state.entries.count >= settings.maximumServers {
        let idle = state.entries.filter { $0.value.ready && $0.value.server.isIdle }
        guard let oldest = idle.min(by: { $0.value.lastUsed < $1.value.lastUsed }) else {
          return .unavailable("all \(settings.maximumServers) warm Python environments are busy")
        }
        evicted = state.entries.removeValue(forKey: oldest.key)?.server
      }
      return nil
    }
    evicted?.stop()
    return decision ?? start(spec, now: now, wakeUp: wakeUp)
  }

  /// Stops every server (they exit once their running attempts ended).
  @discardableResult
  func stopAll() -> [ForkServer] {
    let servers = state.withLock { state in
      defer { state.entries = [:] }
      return state.entries.values.map(\.server)
    }
    for server in servers { server.stop() }
    return servers
  }

  /// Stops every server and returns once they all have ended (each has removed its directory),
  /// or once `limit` has passed on the injected clock, whichever comes first.
  func stopAll(waitingAtMost limit: Duration) async {
    let servers = stopAll()
    guard !servers.isEmpty else { return }
    let deadline = clock.now() + limit
    await withTaskGroup(of: Bool.self) { group in
      group.addTask {
        for server in servers { await server.waitUntilEnded() }
        return true
      }
      group.addTask { [clock] in
        try? await clock.sleep(until: deadline)
        return false
      }
      _ = await group.next()
      group.cancelAll()
    }
  }

  /// The reason `spec` starts cold, nil while it may start warm.
  func coldReason(_ spec: WarmServerSpec) -> String? {
    state.withLock { $0.coldOnly[spec] }
  }

  /// How many servers run now.
  var serverCount: Int { state.withLock { $0.entries.count } }

  /// How many servers are ready and have nothing to do.
  var idleServers: Int { state.withLock { $0.entries.values.filter { $0.ready && $0.server.isIdle }.count } }

  private func start(_ spec: WarmServerSpec, now: Duration, wakeUp: @escaping @Sendable () -> Void) -> Lease {
    let serial = state.withLock { state in
      state.serial += 1
      return state.serial
    }
    let directory =
      settings.directory + "/" + spec.digest + "-\(ProcessInfo.processInfo.processIdentifier)-\(serial)"
    do {
      let script = try ForkServerScript.install(in: settings.directory)
      try FileManager.default.createDirectory(atPath: directory + "/tmp", withIntermediateDirectories: true)
      let server = try ForkServer(
        spec: spec, script: script, directory: directory, timeouts: settings.timeouts, clock: clock
      ) { [weak self] server, event in
        self?.handle(event, of: server)
      }
      // Its first events may have come before it was kept here: read its phase now.
      return state.withLock { state in
        switch server.phase {
        case .starting:
          state.entries[spec] = Entry(server: server, waiters: [wakeUp], lastUsed: now, startedAt: now)
          return .warming(age: .zero)
        case .ready:
          state.entries[spec] = Entry(server: server, ready: true, lastUsed: now, startedAt: now)
          return .ready(server)
        case .stopped(let reason):
          return .unavailable(state.coldOnly[spec] ?? ForkServer.StateMachine.describe(reason))
        }
      }
    } catch {
      return state.withLock { state in
        let reason = "could not start a warm Python environment: \(error)"
        record(.failed(reason), for: spec, now: now, in: &state)
        return .unavailable(reason)
      }
    }
  }

  private func handle(_ event: ForkServer.Event, of server: ForkServer) {
    let spec = server.spec
    let waiters: [@Sendable () -> Void] = state.withLock { state in
      guard var entry = state.entries[spec], entry.server === server else {
        if case .stopped(let reason) = event { record(reason, for: spec, now: clock.now(), in: &state) }
        return []
      }
      switch event {
      case .ready:
        let waiters = entry.waiters
        entry.ready = true
        entry.waiters = []
        state.entries[spec] = entry
        state.failures[spec] = nil
        return waiters
      case .stopped(let reason):
        state.entries[spec] = nil
        record(reason, for: spec, now: clock.now(), in: &state)
        return entry.waiters
      }
    }
    for wakeUp in waiters { wakeUp() }
  }

  private func record(
    _ reason: ForkServer.StateMachine.StopReason, for spec: WarmServerSpec, now: Duration, in state: inout State
  ) {
    switch reason {
    case .idle:
      break
    case .spent(let problem):
      state.coldOnly[spec] = problem
    case .failed(let problem):
      let failures = (state.failures[spec]?.count ?? 0) + 1
      state.failures[spec] = (failures, now + settings.retryDelay)
      if failures >= settings.failureLimit {
        state.coldOnly[spec] = "its warm Python environment failed \(failures) time(s), last: \(problem)"
      }
    }
  }
}
