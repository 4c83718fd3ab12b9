public import Foundation
import Synchronization

/// Expiring permissions to upload or download one file over `vane serve`'s HTTP endpoint.
///
/// A grant is named by a 128-bit random token that goes into the URL, so the URL is the
/// signature: only someone who was handed it can use it, and only until it expires. Grants
/// live in memory (a restart invalidates outstanding URLs, which are short-lived anyway);
/// expired ones are dropped whenever a new one is made.
public final class TransferGrants: Sendable {
  /// What a grant allows.
  public enum Action: Sendable, Hashable {
    case upload
    case download
  }

  /// One permission: an action on a file path until a time.
  public struct Grant: Sendable, Hashable {
    public var action: Action
    public var path: String
    public var expiresAt: Date
  }

  private let grants = Mutex<[String: Grant]>([:])
  private let now: @Sendable () -> Date

  public init(now: @escaping @Sendable () -> Date = { Date() }) {
    self.now = now
  }

  /// Issues a token for `action` on `path` valid for `lifetime`.
  public func issue(_ action: Action, path: String, lifetime: TimeInterval) -> (token: String, expiresAt: Date) {
    var generator = SystemRandomNumberGenerator()
    let token = (0..<2).map { _ in String(generator.next() as UInt64, radix: 16).leftPadded(to: 16) }.joined()
    let current = now()
    let expiresAt = current.addingTimeInterval(lifetime)
    grants.withLock { grants in
      grants = grants.filter { $0.value.expiresAt > current }
      grants[token] = Grant(action: action, path: path, expiresAt: expiresAt)
    }
    return (token, expiresAt)
  }

  /// The grant behind `token` when it allows `action` and has not expired.
  public func redeem(_ token: String, for action: Action) -> Grant? {
    let current = now()
    return grants.withLock { grants in
      guard let grant = grants[token], grant.action == action, grant.expiresAt > current else { return nil }
      return grant
    }
  }
}

extension String {
  fileprivate func leftPadded(to length: Int) -> String {
    count >= length ? self : String(repeating: "0", count: length - count) + self
  }
}
