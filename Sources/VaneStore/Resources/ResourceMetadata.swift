public import Foundation

/// What the store knows about a resource besides its spec and status bytes.
public struct ResourceMetadata: Hashable, Sendable {
  /// The resource's key.
  public var key: ResourceKey
  /// The current version; pass it to `update` as the expected version.
  public var version: ResourceVersion
  /// Labels given at create time.
  public var labels: [String: String]
  /// When the resource was created (millisecond precision).
  public var createdAt: Date
  /// Whether the last status written was terminal; terminal resources are left out of
  /// `list(.active, …)`.
  public var isTerminal: Bool
  /// The abort request, if someone asked for the execution to be aborted.
  public var abortRequest: AbortRequest?

  /// Creates metadata.
  public init(
    key: ResourceKey, version: ResourceVersion, labels: [String: String], createdAt: Date,
    isTerminal: Bool, abortRequest: AbortRequest?
  ) {
    self.key = key
    self.version = version
    self.labels = labels
    self.createdAt = createdAt
    self.isTerminal = isTerminal
    self.abortRequest = abortRequest
  }
}

/// A request to abort an execution (the resource's "deletion requested" mark).
public struct AbortRequest: Hashable, Sendable {
  /// Why, as given by whoever asked.
  public var reason: String
  /// When it was first requested (millisecond precision).
  public var requestedAt: Date

  /// Creates an abort request.
  public init(reason: String, requestedAt: Date) {
    self.reason = reason
    self.requestedAt = requestedAt
  }
}

/// A resource with its spec: metadata, the immutable spec and the current status head (what
/// the spec's readers need; `getStatus` reads the status with its records).
public struct StoredResource: Hashable, Sendable {
  /// Key, version, labels and flags.
  public var metadata: ResourceMetadata
  /// The spec bytes written at create time; never rewritten.
  public var spec: Data
  /// The status head of the last successful write.
  public var status: Data

  /// Creates a stored resource.
  public init(metadata: ResourceMetadata, spec: Data, status: Data) {
    self.metadata = metadata
    self.spec = spec
    self.status = status
  }
}

/// A resource read without its spec: what a round needs once it has the spec cached.
public struct StoredStatus: Hashable, Sendable {
  /// Key, version, labels and flags.
  public var metadata: ResourceMetadata
  /// The status head of the last successful write.
  public var status: Data
  /// The status records by path (see `StatusWrite`).
  public var records: [String: Data]

  /// Creates a stored status.
  public init(metadata: ResourceMetadata, status: Data, records: [String: Data] = [:]) {
    self.metadata = metadata
    self.status = status
    self.records = records
  }

  /// Head and records: what the status takes in the store.
  public var byteCount: Int {
    status.count + records.reduce(0) { $0 + $1.key.utf8.count + $1.value.count }
  }
}
