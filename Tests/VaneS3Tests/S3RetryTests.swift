import Foundation
import Synchronization
import Testing
import VaneData

@testable import VaneS3

/// Retries without sleeping: a clock that records the waits asked of it and returns at once.
@Suite struct S3RetryTests {
  final class RecordingClock: Clock, @unchecked Sendable {
    typealias Duration = Swift.Duration
    struct Instant: InstantProtocol {
      var offset: Duration
      func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
      func duration(to other: Instant) -> Duration { other.offset - offset }
      static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }
    private let state = Mutex<(now: Instant, waits: [Duration])>((Instant(offset: .zero), []))
    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .nanoseconds(1) }
    var waits: [Duration] { state.withLock { $0.waits } }
    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
      state.withLock { state in
        state.waits.append(deadline.offset - state.now.offset)
        state.now = deadline
      }
    }
  }

  @Test func backOffDoublesUpToTheCapWithFullJitter() {
    let policy = RetryPolicy(maximumAttempts: 8, baseDelay: .milliseconds(100), maximumDelay: .seconds(1))
    #expect(
      (1...6).map { policy.ceiling(afterAttempt: $0) } == [
        .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1),
      ])
    #expect(policy.delay(afterAttempt: 3, unit: 0.5) == .milliseconds(200))
    #expect(policy.delay(afterAttempt: 3, unit: 0) == .zero)
  }

  @Test func retryableFailuresAreRetriedWithJitteredWaits() async throws {
    let clock = RecordingClock()
    let retrier = S3Retrier(
      policy: RetryPolicy(maximumAttempts: 5, baseDelay: .milliseconds(100), maximumDelay: .seconds(5)), clock: clock,
      random: { 0.5 })
    let calls = Mutex(0)
    let value = try await retrier.run { (attempt) throws(S3Failure) -> Int in
      calls.withLock { $0 += 1 }
      if attempt < 4 { throw S3Failure(.status(503, code: "SlowDown", message: "Please reduce your request rate.")) }
      return attempt
    }
    #expect(value == 4)
    #expect(clock.waits == [.milliseconds(50), .milliseconds(100), .milliseconds(200)])
  }

  @Test func refusalsAreNotRetriedAndExhaustionIsReported() async {
    let clock = RecordingClock()
    let retrier = S3Retrier(policy: RetryPolicy(maximumAttempts: 3), clock: clock, random: { 1 })
    do {
      _ = try await retrier.run { (_) throws(S3Failure) -> Int in
        throw S3Failure(.status(403, code: "InvalidAccessKeyId", message: "no such key"))
      }
    } catch {
      #expect(error.attempts == 1)
    }
    #expect(clock.waits.isEmpty)
    do {
      _ = try await retrier.run { (_) throws(S3Failure) -> Int in throw S3Failure(.connection("refused")) }
    } catch {
      #expect(error.attempts == 3)
      let message = error.dataError("PutObject", S3Location(bucket: "bkt", key: "k"), endpoint: "http://x").message
      #expect(message.contains("after 3 attempts"))
    }
    #expect(clock.waits.count == 2)
  }

  @Test func aStoreWhoseServerIsDownRetriesThenSaysUnavailable() async throws {
    // A real connection refusal: a port that nothing listens on.
    let clock = RecordingClock()
    let settings = S3Settings(
      endpoint: "http://127.0.0.1:9", credentials: S3Credentials(accessKeyID: "a", secretAccessKey: "b"),
      retry: RetryPolicy(maximumAttempts: 4))
    let client = try S3Client(settings: settings, clock: clock, random: { 0.25 })
    do {
      _ = try await S3DataStore(client: client).read(DataURI("s3://bucket/key"))
      Issue.record("a read from a closed port succeeded")
    } catch {
      #expect(error.code == .unavailable)
      #expect(error.message.contains("GetObject on bucket 'bucket'"))
    }
    #expect(client.counter.snapshot["GetObject"] == 4)
    #expect(clock.waits.count == 3)
  }

  @Test func aStagedWriteThatCannotBeStoredStaysReadableAndFailsEveryFlush() async throws {
    let clock = RecordingClock()
    let settings = S3Settings(
      endpoint: "http://127.0.0.1:9", credentials: S3Credentials(accessKeyID: "a", secretAccessKey: "b"),
      retry: RetryPolicy(maximumAttempts: 2))
    let client = try S3Client(settings: settings, clock: clock, random: { 0 })
    let store = S3DataStore(client: client)
    let uri = DataURI("s3://bucket/exec/n0/data/inputs.pb")
    try await store.stage(Data("inputs".utf8), to: uri)
    #expect(try await store.read(uri) == Data("inputs".utf8))
    for _ in 0..<2 {
      let error = await #expect(throws: DataError.self) { try await store.flush() }
      #expect(error?.code == .unavailable)
      // Never dropped: still pending, still answering reads.
      #expect(try await store.read(uri) == Data("inputs".utf8))
    }
    // The background PUT (2 attempts) and each flush's own try (2 attempts each).
    #expect(client.counter.snapshot["PutObject"] == 6)
  }

  @Test func writtenObjectsAreKeptWithinTheirByteBudgetOldestFirstOut() {
    let cache = WrittenObjects(capacity: 10, objectLimit: 6)
    cache.keep(Data(count: 4), for: "a")
    cache.keep(Data(count: 4), for: "b")
    cache.keep(Data(count: 7), for: "too-big")
    #expect(cache.bytes("too-big") == nil)
    cache.keep(Data(count: 4), for: "c")  // 12 bytes: a goes
    #expect(cache.bytes("a") == nil)
    #expect(cache.bytes("b")?.count == 4)
    cache.keep(Data(count: 1), for: "b")  // rewritten smaller: 5 bytes in all, nothing evicted
    #expect(cache.bytes("c")?.count == 4)
    cache.forget(under: "c")
    #expect(cache.bytes("c") == nil)
  }

  @Test func failuresAreClassified() {
    #expect(S3Failure(.status(500, code: "InternalError", message: "")).isRetryable)
    #expect(S3Failure(.status(429, code: "", message: "")).isRetryable)
    #expect(S3Failure(.status(400, code: "RequestTimeout", message: "")).isRetryable)
    #expect(S3Failure(.integrity("short")).isRetryable)
    #expect(!S3Failure(.status(404, code: "NoSuchKey", message: "")).isRetryable)
    #expect(!S3Failure(.status(403, code: "AccessDenied", message: "")).isRetryable)
    let denied = S3Failure(.status(403, code: "InvalidAccessKeyId", message: "The key does not exist"))
      .dataError("PutObject", S3Location(bucket: "data", key: "a/b"), endpoint: "http://s3")
    #expect(denied.code == .accessDenied)
    #expect(denied.message.contains("S3 denied PutObject on bucket 'data'"))
  }
}
