extension Config {
  /// `sandbox` section: tasks run as local processes inside a bubblewrap sandbox.
  public struct Sandbox: Sendable, Hashable {
    /// `enabled`: run every local task sandboxed (default false).
    public var enabled = false
    /// `network`: tasks may use the network (default true; false: an empty network namespace).
    public var network = true
    /// `uid`, `gid`: the ids a task has inside its user namespace (nil: the server's).
    public var uid: UInt32?
    public var gid: UInt32?
    /// `read_only_paths`: directories tasks may read besides the system and their images'
    /// environments (comma list of absolute paths).
    public var readOnlyPaths: [String] = []
    /// `hidden_paths`: directories tasks must not see, besides the data directory and the home
    /// directories (comma list of absolute paths).
    public var hiddenPaths: [String] = []
    /// `executable`: the bubblewrap program (a path, or a name on `PATH`).
    public var executable = "bwrap"
    public init() {}
  }
}
