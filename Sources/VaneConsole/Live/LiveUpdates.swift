import Foundation
import Synchronization
public import VaneEngine
import VaneStore

/// Tells the console's open pages when an execution changed. The engine calls it after every
/// round that recorded events (``EngineObserver``); each open page holds a subscription for
/// one execution or for a project and domain, and is woken once however many changes
/// arrived meanwhile (the page then reads the current state, so nothing is lost by merging).
///
/// The engine's call only marks subscriptions; it never waits on a page.
public final class LiveUpdates: EngineObserver {
  /// What a subscription listens to.
  public enum Scope: Sendable, Hashable {
    case execution(project: String, domain: String, name: String)
    case executions(project: String, domain: String)

    func matches(_ key: ResourceKey) -> Bool {
      switch self {
      case .execution(let project, let domain, let name):
        key.project == project && key.domain == domain && key.name == name
      case .executions(let project, let domain):
        key.project == project && key.domain == domain
      }
    }
  }

  /// Subscriptions open at most at once; more are refused (`tooMany`).
  public let capacity: Int
  private let state = Mutex<(next: Int, subscribers: [Int: (Scope, AsyncStream<Void>.Continuation)])>((0, [:]))

  public init(capacity: Int = 512) {
    self.capacity = capacity
  }

  public func engine(recorded events: [EngineEvent]) {
    guard let first = events.first else { return }
    var keys: Set<ResourceKey> = [first.key]
    for event in events.dropFirst() { keys.insert(event.key) }
    state.withLock { state in
      for (scope, continuation) in state.subscribers.values where keys.contains(where: scope.matches) {
        continuation.yield()
      }
    }
  }

  /// A stream that yields once after each batch of changes in `scope` (merged while nobody
  /// reads), and ends when the subscription is cancelled.
  public func subscribe(_ scope: Scope) throws(ConsoleError) -> AsyncStream<Void> {
    let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    let id: Int? = state.withLock { state in
      guard state.subscribers.count < capacity else { return nil }
      state.next += 1
      state.subscribers[state.next] = (scope, continuation)
      return state.next
    }
    guard let id else {
      throw ConsoleError(.tooMany, "more than \(capacity) pages follow live updates; close some and reload")
    }
    continuation.onTermination = { [weak self] _ in
      self?.state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
    }
    return stream
  }

  /// How many subscriptions are open.
  public var subscriberCount: Int { state.withLock { $0.subscribers.count } }
}
