import Foundation

extension LocalProcessPlugin {
  /// How the local process plugin runs tasks on this machine.
  public struct Configuration: Sendable {
    /// The directory holding one working directory per attempt, `<work root>/<unique id>/`
    /// (logs, exit status, unpacked code, temporary files). E.g. `<data dir>/work`.
    public var workRoot: String
    /// Image name → a Python environment directory (a venv) whose `bin/` is put first on PATH
    /// for tasks of that image. Looked up by the full image (`ghcr.io/org/app:v1`), then without
    /// tag or digest (`ghcr.io/org/app`), then `*`. No match: PATH as the engine has it.
    public var images: [String: String]
    /// What the machine offers to tasks. Default: one core per cpu and the physical memory.
    public var capacity: ResourceAmount
    /// What a task that requests nothing (and sets no limit) takes: by default a quarter core
    /// and 256 MiB, so a small machine runs a handful of flytekit tasks at once (each is mostly
    /// a Python start-up) without being swamped by a wide fan-out.
    public var defaultRequest: ResourceAmount
    /// How long `abort` waits after SIGTERM before it sends SIGKILL. Default 5 s.
    public var abortGracePeriod: Duration
    /// The engine's environment variables a task process inherits; nothing else of the engine's
    /// environment reaches it.
    public var inheritedVariables: [String]
    /// Variables set for every task, below the Flyte, execution and container variables.
    public var platformEnvironment: [String: String]
    /// The task types the plugin claims.
    public var taskTypes: Set<String>
    /// The POSIX shell that wraps each task to record its exit status.
    public var shell: String
    /// Whether and how flytekit tasks start warm (forked from a fork server).
    public var warmStarts: WarmStartConfiguration
    /// Where the secrets tasks request come from (`SecretInjection` delivers them). Default:
    /// none, so a task requesting a secret fails before it starts.
    public var secrets: any SecretSource
    /// Whether tasks run in a bubblewrap sandbox, and how; nil (the default): as the engine's
    /// user with its whole file system. Sandboxed attempts always start cold.
    public var sandbox: SandboxConfiguration?

    /// The task types flytekit gives container tasks.
    /// (Register the plugin as the registry's default too, to run any other type of task that
    /// has a container.)
    public static let containerTaskTypes: Set<String> = ["python-task", "container", "raw-container", "dynamic"]

    /// A configuration with defaults for everything but the work root.
    public init(
      workRoot: String,
      images: [String: String] = [:],
      capacity: ResourceAmount = Configuration.machineCapacity,
      defaultRequest: ResourceAmount = ResourceAmount(cpuMillicores: 250, memoryBytes: 256 << 20),
      abortGracePeriod: Duration = .seconds(5),
      inheritedVariables: [String] = [
        "PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "SSL_CERT_FILE", "SSL_CERT_DIR",
      ],
      platformEnvironment: [String: String] = ["PYTHONUNBUFFERED": "1"],
      taskTypes: Set<String> = Configuration.containerTaskTypes,
      shell: String = "/bin/sh",
      warmStarts: WarmStartConfiguration = WarmStartConfiguration(),
      secrets: any SecretSource = NoSecrets(),
      sandbox: SandboxConfiguration? = nil
    ) {
      self.workRoot = workRoot
      self.images = images
      self.capacity = capacity
      self.defaultRequest = defaultRequest
      self.abortGracePeriod = abortGracePeriod
      self.inheritedVariables = inheritedVariables
      self.platformEnvironment = platformEnvironment
      self.taskTypes = taskTypes
      self.shell = shell
      self.warmStarts = warmStarts
      self.secrets = secrets
      self.sandbox = sandbox
    }

    /// Where fork servers keep their directories: as configured, else `warm` beside the work root.
    var warmDirectory: String {
      if let directory = warmStarts.directory { return directory }
      let root = workRoot.hasSuffix("/") ? String(workRoot.dropLast()) : workRoot
      guard let slash = root.lastIndex(of: "/") else { return "warm" }
      return String(root[..<slash]) + "/warm"
    }

    /// One core per active cpu and the physical memory of this machine.
    public static var machineCapacity: ResourceAmount {
      let info = ProcessInfo.processInfo
      let memory = info.physicalMemory > UInt64(Int64.max) ? Int64.max : Int64(info.physicalMemory)
      return ResourceAmount(cpuMillicores: Int64(max(1, info.activeProcessorCount)) * 1000, memoryBytes: memory)
    }

    /// The environment directory for `image`, or nil for PATH as it is.
    func imageDirectory(for image: String) -> String? {
      ImageEnvironments.directory(for: image, in: images)
    }
  }
}
