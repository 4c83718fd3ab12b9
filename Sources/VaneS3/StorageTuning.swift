/// The knobs of an object store client a deployment may want to turn: how failed requests are
/// retried, how long one may take, and how much of what the process wrote is kept in memory.
/// Nil fields keep `S3Settings`' defaults (8 attempts, 100 ms to 5 s back-off, 60 s per request,
/// 256 MiB cache of objects up to 4 MiB).
public struct StorageTuning: Codable, Hashable, Sendable {
  /// Tries per request in all, the first included (`retry.attempts`).
  public var retryAttempts: Int?
  /// The cap of the first back-off wait; it doubles after each failure (`retry.initial_delay`).
  public var retryInitialDelay: Duration?
  /// The largest back-off wait (`retry.max_delay`).
  public var retryMaximumDelay: Duration?
  /// How long one request may take before it is abandoned and retried (`request_timeout`).
  public var requestTimeout: Duration?
  /// Bytes of objects this process wrote kept in memory to answer reads (`cache.size`; 0 turns
  /// the cache off).
  public var cacheBytes: Int?
  /// Objects larger than this are never cached (`cache.object_limit`).
  public var cacheObjectLimit: Int?

  /// Nothing changed.
  public init() {}

  /// Sets what is given on `settings`.
  public func apply(to settings: inout S3Settings) {
    if let retryAttempts { settings.retry.maximumAttempts = max(1, retryAttempts) }
    if let retryInitialDelay { settings.retry.baseDelay = retryInitialDelay }
    if let retryMaximumDelay { settings.retry.maximumDelay = retryMaximumDelay }
    if let requestTimeout { settings.requestTimeout = requestTimeout }
    if let cacheBytes { settings.cacheBytes = max(0, cacheBytes) }
    if let cacheObjectLimit { settings.cacheObjectLimit = max(0, cacheObjectLimit) }
  }
}
