import Foundation

extension RayPlugin {
  /// How the Ray plugin places attempts on a cluster.
  public struct Configuration: Sendable {
    /// The cluster's job API (`ray.address`), e.g. `http://head:8265`.
    public var address: RayAddress
    /// On the Ray nodes: the directory holding one working directory per attempt,
    /// `<work root>/<unique id>/` (the task's current directory, `TMPDIR`, unpacked code).
    /// On one machine, e.g. `<data dir>/work`; across machines, a path that exists on every node.
    public var workRoot: String
    /// On the engine's machine: where each attempt's job log is kept once the job ended,
    /// `<log root>/<unique id>/ray-job.log` (the task's log link from then on), so logs outlive
    /// the cluster's memory of the job.
    public var logRoot: String
    /// Image name → a Python environment directory on the Ray nodes, whose `bin/` goes first on
    /// the node's PATH (looked up like the local process plugin's: full image, then without
    /// tag or digest, then `*`).
    public var images: [String: String]
    /// Variables set for every task, below the Flyte, execution and container variables.
    public var platformEnvironment: [String: String]
    /// What the entrypoint of a task placed on Ray reserves when the task requests nothing:
    /// a quarter core, like the local process plugin's default, so Ray spreads tasks over the
    /// cluster's nodes instead of running them all on the head.
    public var defaultResources: RayEntrypointResources
    /// What the entrypoint of a flytekit Ray task (type `ray`) reserves when the task requests
    /// nothing: nothing, so the driver — which mostly waits on its own Ray tasks — never holds
    /// a core they need (it then runs on the head node).
    public var rayTaskResources: RayEntrypointResources
    /// Custom resources every job's entrypoint reserves (`entrypoint_resources`), e.g. one only
    /// some nodes have, to keep Vane's tasks there.
    public var customResources: [String: Double]
    /// Node labels every job's entrypoint requires (`entrypoint_label_selector`).
    public var labelSelector: [String: String]
    /// How often running jobs are polled for a change. Default 250 ms.
    public var pollInterval: Duration
    /// How long the job API may stay unreachable before an attempt fails (a retryable system
    /// error). Default 5 minutes.
    public var contactTimeout: Duration
    /// How long one call to the job API may take. Default 10 s.
    public var requestTimeout: Duration
    /// The largest job log kept (bytes of the API's answer). Default 64 MiB.
    public var logLimit: Int

    /// A configuration with defaults for everything but the cluster and the directories.
    public init(
      address: RayAddress, workRoot: String, logRoot: String, images: [String: String] = [:],
      platformEnvironment: [String: String] = ["PYTHONUNBUFFERED": "1"],
      defaultResources: RayEntrypointResources = RayEntrypointResources(cpus: 0.25),
      rayTaskResources: RayEntrypointResources = RayEntrypointResources(),
      customResources: [String: Double] = [:], labelSelector: [String: String] = [:],
      pollInterval: Duration = .milliseconds(250), contactTimeout: Duration = .seconds(300),
      requestTimeout: Duration = .seconds(10), logLimit: Int = 64 << 20
    ) {
      self.address = address
      self.workRoot = workRoot
      self.logRoot = logRoot
      self.images = images
      self.platformEnvironment = platformEnvironment
      self.defaultResources = defaultResources
      self.rayTaskResources = rayTaskResources
      self.customResources = customResources
      self.labelSelector = labelSelector
      self.pollInterval = pollInterval
      self.contactTimeout = contactTimeout
      self.requestTimeout = requestTimeout
      self.logLimit = logLimit
    }
  }
}
