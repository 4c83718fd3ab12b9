/// Everything `vane serve` can be configured with, as read from one YAML file
/// (`vane serve --config F`), then `VANE_…` environment variables, then command-line flags.
/// Every field has a default, so no file is needed. `docs/configuration.md` documents each
/// field; `ConfigFields.all` is the list the reader accepts.
public struct Config: Sendable, Hashable {
  /// `data_dir`: registrations, executions, their data and task work directories. Nil: the
  /// CLI's default (`$VANE_DATA_DIR`, `$XDG_DATA_HOME/vane` or `~/.local/share/vane`).
  public var dataDirectory: String?
  /// `server`: where the gRPC and HTTP ports listen.
  public var server = Server()
  /// `admin_store`: where registrations and executions created through the API are kept.
  public var adminStore = Store()
  /// `engine`: the engine's workers and resync period.
  public var engine = Engine()
  /// `images`: image name (or `*`) → the Python environment directory its tasks run with.
  public var images: [String: String] = [:]
  /// `tasks`: what the machine offers to task processes.
  public var tasks = Tasks()

  /// The defaults.
  public init() {}

  /// `server` section.
  public struct Server: Sendable, Hashable {
    /// `host`: the address both ports bind.
    public var host = "127.0.0.1"
    /// `grpc_port`: the admin API (0 picks a free port).
    public var grpcPort = 8089
    /// `http_port`: health, metrics and data transfers (0 picks a free port).
    public var httpPort = 8088
    public init() {}
  }

  /// The admin store backends.
  public enum StoreKind: String, Sendable, Hashable, CaseIterable {
    /// Tables in the data directory's SQLite file (the embedded default).
    case sqlite
    /// A PostgreSQL database.
    case postgres
  }

  /// `admin_store` section.
  public struct Store: Sendable, Hashable {
    /// `kind`: `sqlite` or `postgres`.
    public var kind = StoreKind.sqlite
    /// `postgres`: the database when `kind` is `postgres`.
    public var postgres = Postgres()
    public init() {}
  }

  /// `admin_store.postgres` section. `url` (`postgres://user:password@host:port/database`)
  /// sets the parts it contains; the separate keys override it.
  public struct Postgres: Sendable, Hashable {
    public var host = "127.0.0.1"
    public var port = 5432
    public var user = "postgres"
    public var password = ""
    public var database = "vane"
    /// `max_connections`: the pool's size.
    public var maxConnections = 8
    /// `connect_timeout`: how long `vane serve` waits at start for the database.
    public var connectTimeout = Duration.seconds(10)
    public init() {}
  }

  /// `engine` section.
  public struct Engine: Sendable, Hashable {
    /// `workers`: rounds that may run at once.
    public var workers = 16
    /// `resync_interval`: how often every active execution gets a round without a change.
    public var resyncInterval = Duration.seconds(10)
    public init() {}
  }

  /// `tasks` section: nil means this machine's cores and physical memory.
  public struct Tasks: Sendable, Hashable {
    /// `cpu`: cores for tasks, in thousandths (`cpu: 4` is 4000, `cpu: 500m` is 500).
    public var cpuMillicores: Int64?
    /// `memory`: bytes for tasks (`memory: 8Gi`).
    public var memoryBytes: Int64?
    public init() {}
  }
}
