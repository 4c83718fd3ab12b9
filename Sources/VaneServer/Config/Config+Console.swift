extension Config {
  /// `console` section: the web console on the HTTP port.
  public struct ConsoleSettings: Sendable, Hashable {
    /// `enabled`: serve the console under `/console` (default true).
    public var enabled = true
    /// `dot`: Graphviz's `dot` program that lays graphs out (a path, or a name on `PATH`).
    public var dot = "dot"
    /// `endpoint`: the console's URL as browsers reach it, written into the flytekit config
    /// (`console.endpoint`) so pyflyte prints links that open; nil: the HTTP port's URL.
    public var endpoint: String?
    public init() {}
  }
}
