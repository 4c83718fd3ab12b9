/// How to reach an S3-compatible object store: endpoint, region, addressing style, credentials,
/// and the knobs of retries, multipart transfers and the in-memory cache.
public struct S3Settings: Sendable {
  /// The service's base URL (`http://127.0.0.1:9000` for MinIO or moto,
  /// `https://storage.googleapis.com` for GCS); nil means AWS: `https://s3.<region>.amazonaws.com`.
  public var endpoint: String?
  /// The region requests are signed for (`us-east-1` unless told otherwise).
  public var region: String
  /// Path-style addressing (`endpoint/bucket/key`) instead of virtual-hosted (`bucket.endpoint/key`);
  /// nil picks path style for a custom endpoint and virtual-hosted for AWS.
  public var pathStyle: Bool?
  /// The key pair requests are signed with.
  public var credentials: S3Credentials
  /// Back-off and attempts for failed requests.
  public var retry: RetryPolicy
  /// Objects (and uploaded files) at least this large go up as multipart uploads.
  public var multipartThreshold: Int
  /// The size of one part of a multipart upload (held in memory while it is sent).
  public var partSize: Int
  /// The size of one ranged GET of a download (streamed to disk, so not held in memory; a
  /// failed range is fetched again whole).
  public var downloadRangeSize: Int
  /// How long one request may take before it is abandoned (and retried).
  public var requestTimeout: Duration
  /// Bytes of objects this process wrote that are kept in memory to answer reads.
  public var cacheBytes: Int
  /// Objects larger than this are never cached.
  public var cacheObjectLimit: Int

  /// Creates settings; see each property for the defaults.
  public init(
    endpoint: String? = nil, region: String = "us-east-1", pathStyle: Bool? = nil, credentials: S3Credentials,
    retry: RetryPolicy = RetryPolicy(), multipartThreshold: Int = 32 << 20, partSize: Int = 8 << 20,
    downloadRangeSize: Int = 64 << 20, requestTimeout: Duration = .seconds(60), cacheBytes: Int = 256 << 20,
    cacheObjectLimit: Int = 4 << 20
  ) {
    self.endpoint = endpoint
    self.region = region
    self.pathStyle = pathStyle
    self.credentials = credentials
    self.retry = retry
    self.multipartThreshold = multipartThreshold
    self.partSize = partSize
    self.downloadRangeSize = downloadRangeSize
    self.requestTimeout = requestTimeout
    self.cacheBytes = cacheBytes
    self.cacheObjectLimit = cacheObjectLimit
  }

  /// The variables a flytekit task process needs to reach the same store (flytekit's
  /// `FLYTE_AWS_*` and the standard `AWS_*` that s3fs/botocore read).
  public var taskEnvironment: [String: String] {
    var variables = [
      "FLYTE_AWS_ACCESS_KEY_ID": credentials.accessKeyID,
      "FLYTE_AWS_SECRET_ACCESS_KEY": credentials.secretAccessKey,
      "AWS_ACCESS_KEY_ID": credentials.accessKeyID,
      "AWS_SECRET_ACCESS_KEY": credentials.secretAccessKey,
      "AWS_REGION": region,
      "AWS_DEFAULT_REGION": region,
    ]
    if let token = credentials.sessionToken { variables["AWS_SESSION_TOKEN"] = token }
    if let endpoint {
      variables["FLYTE_AWS_ENDPOINT"] = endpoint
      variables["AWS_ENDPOINT_URL"] = endpoint
      variables["AWS_ENDPOINT_URL_S3"] = endpoint
    }
    return variables
  }
}
