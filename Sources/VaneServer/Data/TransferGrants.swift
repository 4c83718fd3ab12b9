public import Crypto
public import Foundation
import Synchronization
public import VaneModel

/// Expiring permissions to upload or download one file over `vane serve`'s HTTP endpoint.
///
/// A grant travels in the URL as `<payload>.<signature>`: the payload (action, path, expiry,
/// expected MD5, and the subject and project it was issued for) signed with HMAC-SHA256
/// under a key kept in `<data dir>/auth/url-key` (mode 0600). So the URL is the signature —
/// only someone who was handed it can use it, only until it expires, only for that file —
/// and it stays valid across a restart (and on every replica sharing the data directory)
/// without the server keeping a table of grants under a lock. Upload URLs are single-use:
/// `claim` marks one as used for as long as it could still be presented, and the upload
/// itself never replaces an existing file.
public final class TransferGrants: Sendable {
  /// What a grant allows.
  public enum Action: String, Sendable, Hashable {
    case upload = "u"
    case download = "d"
  }

  /// One permission: an action on a file path until a time, with what the issuer knew.
  public struct Grant: Sendable, Hashable, Codable {
    public var action: String
    public var path: String
    /// Seconds since 1970.
    public var expires: Double
    /// Hex MD5 the upload must have (from `content_md5`), if any.
    public var md5: String?
    /// The authenticated caller it was issued to, and the project it is for (auth on).
    public var subject: String?
    public var issuer: String?
    public var project: String?
    /// Random, so two grants for the same file and second are different URLs.
    public var nonce: UInt64?

    public var expiresAt: Date { Date(timeIntervalSince1970: expires) }
  }

  private let key: SymmetricKey
  private let clock: any WallClock
  /// Upload tokens already presented, until they expire.
  private let used = Mutex<[String: Date]>([:])
  static let maxRemembered = 100_000

  public init(key: SymmetricKey, clock: any WallClock = SystemClock()) {
    self.key = key
    self.clock = clock
  }

  /// Grants signed with the data directory's URL key (created on first use).
  public static func forDataDirectory(_ directory: String) throws(ServeError) -> TransferGrants {
    let path = directory + "/auth/url-key"
    do {
      if let data = try PrivateFile.read(path), data.count == 32 {
        return TransferGrants(key: SymmetricKey(data: data))
      }
      let key = SymmetricKey(size: .bits256)
      try PrivateFile.write(key.withUnsafeBytes { Data($0) }, to: path)
      return TransferGrants(key: key)
    } catch {
      throw ServeError(.badSecurity, "cannot read or create the URL signing key: \(error.message)", at: path)
    }
  }

  /// Issues a token for `action` on `path` valid for `lifetime`.
  public func issue(
    _ action: Action, path: String, lifetime: TimeInterval, md5: String? = nil, subject: String? = nil,
    issuer: String? = nil, project: String? = nil
  ) -> (token: String, expiresAt: Date) {
    let expiresAt = clock.date.addingTimeInterval(lifetime)
    let grant = Grant(
      action: action.rawValue, path: path, expires: expiresAt.timeIntervalSince1970.rounded(.down), md5: md5,
      subject: subject, issuer: issuer, project: project, nonce: UInt64.random(in: .min ... .max))
    let payload = Self.base64URL((try? JSONEncoder().encode(grant)) ?? Data())
    let signature = Self.base64URL(Data(HMAC<Crypto.SHA256>.authenticationCode(for: Data(payload.utf8), using: key)))
    return ("\(payload).\(signature)", expiresAt)
  }

  /// The grant behind `token` when its signature is right, it allows `action` and it has
  /// not expired.
  public func redeem(_ token: String, for action: Action) -> Grant? {
    let parts = token.split(separator: ".", omittingEmptySubsequences: false)
    guard token.utf8.count <= 8192, parts.count == 2, let signature = Self.data(base64URL: String(parts[1])),
      HMAC<Crypto.SHA256>.isValidAuthenticationCode(signature, authenticating: Data(parts[0].utf8), using: key),
      let payload = Self.data(base64URL: String(parts[0])),
      let grant = try? JSONDecoder().decode(Grant.self, from: payload),
      grant.action == action.rawValue, grant.expiresAt > clock.date
    else { return nil }
    return grant
  }

  /// Marks an upload token used; false when it was used before.
  public func claim(_ token: String, until expiry: Date) -> Bool {
    let current = clock.date
    return used.withLock { used in
      if used.count >= Self.maxRemembered { used = used.filter { $0.value > current } }
      guard used[token] == nil else { return false }
      used[token] = expiry
      return true
    }
  }

  /// Forgets a claim (the upload failed before anything was stored, so it may be retried).
  public func release(_ token: String) {
    _ = used.withLock { $0.removeValue(forKey: token) }
  }

  static func base64URL(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  static func data(base64URL text: String) -> Data? {
    var base = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base.count % 4 != 0 { base += "=" }
    return Data(base64Encoded: base)
  }
}
