extension LocalProcessPlugin {
  /// Warm starts: flytekit tasks forked from a long-lived Python process per environment and code
  /// bundle (a fork server) instead of starting Python twice per attempt. On by default; tasks
  /// whose command is not one of flytekit's entrypoints, or whose environment cannot host a fork
  /// server, start cold whatever this says.
  public struct WarmStartConfiguration: Sendable, Equatable {
    /// Whether any task starts warm.
    public var enabled: Bool
    /// Images whose tasks always start cold, matched like `Configuration.images` (the full
    /// image, then without tag or digest, then `*`): the per-environment switch.
    public var coldImages: Set<String>
    /// How long a fork server with nothing to do stays before it exits.
    public var idleTimeout: Duration
    /// How long a fork server may take to start (Python, flytekit, unpacking the bundle).
    public var startTimeout: Duration
    /// How long an attempt waits for its environment's fork server to start before it starts
    /// cold instead (a task with a timeout waits at most a quarter of it).
    public var startWait: Duration
    /// How long a fork server may take to answer one fork request, imports of the task's
    /// modules included; past it the server counts as hung, is replaced, and the attempt
    /// starts cold.
    public var forkTimeout: Duration
    /// At most this many fork servers at once (each holds an imported flytekit, ~100 MB).
    public var maximumServers: Int
    /// Where fork servers keep their directories; nil: `warm` beside the work root.
    public var directory: String?

    /// Warm starts on, with the defaults.
    public init(
      enabled: Bool = true, coldImages: Set<String> = [], idleTimeout: Duration = .seconds(600),
      startTimeout: Duration = .seconds(120), startWait: Duration = .seconds(10), forkTimeout: Duration = .seconds(120),
      maximumServers: Int = 8, directory: String? = nil
    ) {
      self.enabled = enabled
      self.coldImages = coldImages
      self.idleTimeout = idleTimeout
      self.startTimeout = startTimeout
      self.startWait = startWait
      self.forkTimeout = forkTimeout
      self.maximumServers = maximumServers
      self.directory = directory
    }

    /// How long an attempt of a task with `timeout` (nil: none) waits for a fork server that is
    /// starting. A server's start costs less than a cold start (Python and flytekit imported once,
    /// not twice), so waiting is the faster way to user code — but a server that hangs must not
    /// spend a task's timeout, which counts from when the attempt was queued.
    func startWait(timeout: Duration?) -> Duration {
      guard let timeout, timeout > .zero else { return startWait }
      return min(startWait, timeout / 4)
    }

    /// Whether tasks of `image` may start warm.
    func allows(image: String) -> Bool {
      guard enabled else { return false }
      if coldImages.contains(image) || coldImages.contains("*") { return false }
      if let bare = ImageEnvironments.withoutTagOrDigest(image), coldImages.contains(bare) { return false }
      return true
    }
  }
}
