/// Whether and how the local process plugin runs tasks under bubblewrap (`bwrap`): a read-only
/// view of the system, the attempt's work directory and its execution's own data writable,
/// everything else of the data directory and the home directory hidden, `/tmp` private, and
/// optionally no network and another uid. `SandboxPolicy` is what one attempt gets; this is
/// what the server was configured with.
public struct SandboxConfiguration: Sendable, Hashable {
  /// The bubblewrap executable: a path, or a name looked up on the engine's PATH when the
  /// sandbox is checked (`SandboxProbe`). Default `bwrap`.
  public var executable: String
  /// `prlimit` (util-linux), which sets the task's memory limit before bubblewrap starts.
  public var limiter: String
  /// Whether tasks may use the network. False gives each task an empty network namespace
  /// (loopback only, down).
  public var network: Bool
  /// The uid and gid a task has inside its user namespace; nil keeps the engine's. On the host
  /// the task's files still belong to the engine's user (bubblewrap maps one id onto it).
  public var uid: UInt32?
  public var gid: UInt32?
  /// Directories tasks may read besides the system (e.g. a shared model cache). Image
  /// environments (venvs) are always readable.
  public var readOnlyPaths: [String]
  /// Directories tasks must not see at all: the data directory and the engine's home directory
  /// (filled in by whoever knows them), plus anything configured.
  public var hiddenPaths: [String]
  /// The local directory of the metadata root (`<data dir>/metadata`): an attempt may read and
  /// write its own execution's folder under it. Nil when execution data is in object storage.
  public var metadataRoot: String?
  /// Local directories whose files a task's inputs may point at (`<data dir>/raw`, `uploads`,
  /// `code`): an input blob or the code archive is mounted readable only when it lies in one of
  /// them, so an input naming `vane.db` or a file in a home directory exposes nothing.
  public var inputRoots: [String]

  /// Defaults: `bwrap` and `prlimit` from PATH, network on, the engine's uid, nothing extra.
  public init(
    executable: String = "bwrap", limiter: String = "prlimit", network: Bool = true, uid: UInt32? = nil,
    gid: UInt32? = nil, readOnlyPaths: [String] = [], hiddenPaths: [String] = [], metadataRoot: String? = nil,
    inputRoots: [String] = []
  ) {
    self.executable = executable
    self.limiter = limiter
    self.network = network
    self.uid = uid
    self.gid = gid
    self.readOnlyPaths = readOnlyPaths
    self.hiddenPaths = hiddenPaths
    self.metadataRoot = metadataRoot
    self.inputRoots = inputRoots
  }
}
