import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One running fork server and the engine's end of its connection: the I/O around
/// `ForkServer.StateMachine`, which decides everything.
///
/// A reader thread (blocked in `read`, like `ExitWaiter`'s threads in `waitpid`) feeds replies
/// to the machine; one timer task sleeps until the machine's next deadline (start, a fork's
/// reply, idle); an exit waiter reaps the server. The machine's actions run outside the lock.
final class ForkServer: Sendable {
  typealias ForkOutcome = StateMachine.ForkOutcome

  /// What the owner hears about the server.
  enum Event: Sendable {
    case ready(ForkReply.Hello)
    case stopped(StateMachine.StopReason)
  }

  private struct Inner {
    var machine: StateMachine
    var replies: [String: CheckedContinuation<ForkOutcome, Never>] = [:]
    var exits: [String: @Sendable (ExitWaiter.Outcome) -> Void] = [:]
    var timer: Task<Void, Never>?
    var timerDeadline: Duration?
  }

  let spec: WarmServerSpec
  let pid: Int32
  /// `code/` (the unpacked bundle), `tmp/` and `server.log`.
  let directory: String
  private let clock: WarmClock
  private let onEvent: @Sendable (ForkServer, Event) -> Void
  private let inner: Mutex<Inner>
  /// The engine's end of the connection, -1 once closed; writes and the close hold this lock.
  private let socket: Mutex<Int32>
  /// Signalled when the reader thread has read everything it will read.
  private let readerEnded = DispatchSemaphore(value: 0)
  /// Whether the server process has been reaped, and who waits for that.
  private let ending = Mutex<(ended: Bool, waiters: [Int: CheckedContinuation<Void, Never>], next: Int)>(
    (false, [:], 0))

  /// Spawns a server for `spec` in `directory` with `script`; `onEvent` hears when it is ready
  /// and when it stopped.
  init(
    spec: WarmServerSpec, script: String, directory: String, timeouts: StateMachine.Timeouts, clock: WarmClock,
    onEvent: @escaping @Sendable (ForkServer, Event) -> Void
  ) throws(LocalProcessError) {
    let (pid, socket) = try Self.spawn(spec, script: script, directory: directory)
    self.spec = spec
    self.pid = pid
    self.directory = directory
    self.clock = clock
    self.onEvent = onEvent
    self.socket = Mutex(socket)
    self.inner = Mutex(Inner(machine: StateMachine(timeouts: timeouts, now: clock.now())))
    startReading(socket)
    ExitWaiter.watch(pid: pid) { [self] outcome in
      // What it wrote before it ended (a `fatal` saying why) is read first: its reason decides
      // whether its environment is tried again. Its end of the socket is closed now, so the
      // reader meets end-of-file soon — unless a forked leader still holds a copy for a moment.
      _ = readerEnded.wait(timeout: .now() + 2)
      perform(inner.withLock { $0.machine.connectionLost("its process ended (\(outcome))") })
      let waiters = ending.withLock { ending in
        ending.ended = true
        defer { ending.waiters = [:] }
        return Array(ending.waiters.values)
      }
      for waiter in waiters { waiter.resume() }
    }
    rearm()
  }

  /// Returns once the server's process has ended (and was reaped), or when the caller is cancelled.
  func waitUntilEnded() async {
    let id = ending.withLock { ending in
      defer { ending.next += 1 }
      return ending.next
    }
    await withTaskCancellationHandler {
      await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        let resumeNow = ending.withLock { ending in
          guard !ending.ended, !Task.isCancelled else { return true }
          ending.waiters[id] = continuation
          return false
        }
        if resumeNow { continuation.resume() }
      }
    } onCancel: {
      ending.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
    }
  }

  /// Whether the server is ready and has nothing to do.
  var isIdle: Bool { inner.withLock { $0.machine.isIdle } }

  /// Starting, ready or stopped.
  var phase: StateMachine.Phase { inner.withLock { $0.machine.phase } }

  /// Asks the server to fork `request`; `onExit` runs once the forked attempt's leader ended
  /// (or is lost to the engine because the server stopped first).
  func fork(_ request: ForkRequest, onExit: @escaping @Sendable (ExitWaiter.Outcome) -> Void) async -> ForkOutcome {
    await withCheckedContinuation { continuation in
      let actions = inner.withLock { inner in
        inner.replies[request.id] = continuation
        inner.exits[request.id] = onExit
        return inner.machine.requestFork(request, now: clock.now())
      }
      perform(actions)
    }
  }

  /// Stops the server: it is told to exit once its attempts ended (they may still import code).
  func stop() {
    perform(inner.withLock { $0.machine.stopRequested() })
  }

  private func perform(_ actions: [StateMachine.Action]) {
    for action in actions {
      switch action {
      case .becameReady(let hello):
        onEvent(self, .ready(hello))
      case .send(let request):
        if let problem = write(request) {
          perform(inner.withLock { $0.machine.connectionLost(problem) })
        }
      case .resolve(let id, let outcome):
        let continuation = inner.withLock { inner in
          if case .forked = outcome {} else { inner.exits[id] = nil }
          return inner.replies.removeValue(forKey: id)
        }
        continuation?.resume(returning: outcome)
      case .attemptEnded(let id, let outcome):
        inner.withLock { $0.exits.removeValue(forKey: id) }?(outcome)
      case .stop(let reason):
        if case .idle = reason {
          hangUp()
        } else {
          kill(-pid, SIGKILL)
          hangUp()
        }
        onEvent(self, .stopped(reason))
      }
    }
    rearm()
  }

  private func write(_ request: ForkRequest) -> String? {
    guard let frame = request.frame() else {
      return "a fork request of attempt \(request.id) is over \(ForkProtocol.maximumRequestBytes) bytes"
    }
    return socket.withLock { descriptor -> String? in
      guard descriptor >= 0 else { return "the connection is closed" }
      return frame.withUnsafeBytes { bytes -> String? in
        var offset = 0
        while offset < bytes.count {
          let written = send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
          if written < 0 && errno == EINTR { continue }
          guard written > 0 else { return "could not send a fork request: \(String(cString: strerror(errno)))" }
          offset += written
        }
        return nil
      }
    }
  }

  /// Closes the engine's side for writing: the server reads end-of-file and exits.
  private func hangUp() {
    socket.withLock { descriptor in
      if descriptor >= 0 { shutdown(descriptor, Int32(SHUT_WR)) }
    }
  }

  private func startReading(_ descriptor: Int32) {
    let thread = Thread { [self] in
      var decoder = ForkFrameDecoder(maximum: ForkProtocol.maximumReplyBytes)
      var buffer = [UInt8](repeating: 0, count: 1 << 16)
      var problem = "it hung up"
      reading: while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else {
          if count < 0 { problem = "reading from it failed: \(String(cString: strerror(errno)))" }
          break
        }
        decoder.append(buffer[..<count])
        do {
          while let payload = try decoder.next() {
            let reply = try ForkReply(payload: payload)
            perform(inner.withLock { $0.machine.received(reply, now: clock.now()) })
          }
        } catch {
          problem = "\(error)"
          break reading
        }
      }
      perform(inner.withLock { $0.machine.connectionLost(problem) })
      socket.withLock { descriptor in
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
      }
      readerEnded.signal()
    }
    thread.name = "vane-forkserver-\(pid)"
    thread.stackSize = 256 << 10
    thread.start()
  }

  /// Keeps one timer task sleeping until the machine's next deadline.
  private func rearm() {
    let clock = self.clock
    inner.withLock { inner in
      let deadline = inner.machine.nextDeadline
      guard deadline != inner.timerDeadline else { return }
      inner.timer?.cancel()
      inner.timerDeadline = deadline
      inner.timer = deadline.map { deadline in
        Task { [weak self] in
          guard (try? await clock.sleep(until: deadline)) != nil, let self else { return }
          self.inner.withLock { $0.timerDeadline = nil }
          self.perform(self.inner.withLock { $0.machine.tick(now: clock.now()) })
        }
      }
    }
  }
}
