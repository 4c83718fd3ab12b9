public import VaneAdminStore
public import VaneEngine
public import VaneS3

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
  /// `engine`: the engine's workers, resync period and default deadlines.
  public var engine = Engine()
  /// `images`: image name (or `*`) → the Python environment directory its tasks run with.
  public var images: [String: String] = [:]
  /// `tasks`: what the machine offers to task processes.
  public var tasks = Tasks()
  /// `ray`: a Ray cluster that runs flytekit Ray tasks and the tasks placed there.
  public var ray = Ray()
  /// `warm_starts`: flytekit tasks forked from a warm Python process per environment and bundle.
  public var warmStarts = WarmStarts()
  /// `sandbox`: tasks run in a bubblewrap sandbox (`Config+Sandbox.swift`).
  public var sandbox = Sandbox()
  /// `storage`: object storage for execution data, raw outputs and uploads; nil keeps them in
  /// the data directory (or in what the data directory was set up with, `storage.json`).
  public var storage: StorageSelection?
  /// `console`: the web console (`Config+Console.swift`).
  public var console = ConsoleSettings()
  /// `auth`: authentication, tokens and the audit log.
  public var auth = Auth()
  /// `limits`: how much one client can ask of the server.
  public var limits = ServerLimits()
  /// `replica`: one of several servers on one PostgreSQL (`Config+Replica.swift`).
  public var replica = Replica()

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
    /// `advertised_host`: the host name clients are given (the written flytekit config, the
    /// token endpoint, signed data URLs). Nil: `host`, or this machine's name when `host` is a
    /// wildcard (`0.0.0.0`, `::`).
    public var advertisedHost: String?
    /// `tls_certificate`, `tls_key`: PEM files; when both are set, gRPC and HTTP speak TLS.
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// `tls_ca`: the CA certificate clients should trust, written into the flytekit config
    /// (`admin.caCertFilePath`); leave unset for a certificate from a public CA.
    public var tlsCA: String?
    /// `allow_unauthenticated_remote`: bind a non-loopback address without `auth.enabled`
    /// (refused otherwise: anyone who can reach the port could run code as the server).
    public var allowUnauthenticatedRemote = false
    public init() {}
  }

  /// `auth` section.
  public struct Auth: Sendable, Hashable {
    /// `enabled`: every gRPC call and HTTP route (but health, token and signed data URLs)
    /// needs a bearer token.
    public var enabled = false
    /// `token_lifetime`: how long an access token from `/oauth2/token` is valid.
    public var tokenLifetime = Duration.seconds(3600)
    /// `audience`: the `aud` of Vane's tokens.
    public var audience = "vane"
    /// `oidc_issuer`: also accept access tokens of this issuer (its `iss`).
    public var oidcIssuer: String?
    /// `oidc_jwks_url`: where its keys are; nil: discovered from the issuer.
    public var oidcJWKSURL: String?
    /// `oidc_audience`: the `aud` its tokens must carry; nil accepts any.
    public var oidcAudience: String?
    /// `clients_file`: the clients and their roles; nil: `<data dir>/auth/clients.json`.
    public var clientsFile: String?
    /// `audit_max_bytes`: the audit log rotates past this size.
    public var auditMaxBytes = 64 << 20
    /// `audit_files`: rotated audit files kept.
    public var auditFiles = 4
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
    /// `postgres`: the database when `kind` is `postgres`. `url`
    /// (`postgres://user:password@host:port/database`) sets the parts it contains; the
    /// separate keys override it.
    public var postgres = PostgresSettings()
    public init() {}
  }

  /// `engine` section.
  public struct Engine: Sendable, Hashable {
    /// `workers`: rounds that may run at once.
    public var workers = 16
    /// `resync_interval`: how often every active execution gets a round without a change.
    public var resyncInterval = Duration.seconds(10)
    /// `node_active_deadline`, `node_execution_deadline`, `workflow_active_deadline`: the default
    /// deadlines (FlytePropeller's `default-deadlines`); unset or `0`: none.
    public var deadlines = EngineDeadlines()
    /// `round_transitions`, `round_duration`, `first_round_duration`,
    /// `longest_round_duration`, `max_status_size`: the round limits, as set; `rounds` is what
    /// the engine uses (the same, each bounded by the others).
    public var roundLimits = RoundLimits()
    /// The round limits the engine runs with.
    public var rounds: RoundLimits {
      RoundLimits(
        transitions: roundLimits.transitions, duration: roundLimits.duration,
        firstRoundDuration: roundLimits.firstRoundDuration, longestDuration: roundLimits.longestDuration,
        statusCostMultiple: roundLimits.statusCostMultiple, statusBytes: roundLimits.statusBytes)
    }
    public init() {}
  }

  /// `ray` section: without `address`, every task runs on this machine.
  public struct Ray: Sendable, Hashable {
    /// `address`: the cluster's job API, `http(s)://host:port` (the dashboard's address).
    public var address: String?
    /// `work_dir`: where attempts' working directories go on the Ray nodes (nil: the data
    /// directory's `work/`, right for a cluster on this machine).
    public var workDirectory: String?
    /// `task_types`, `images`, `projects`: what else runs on Ray (comma lists; `*` for every
    /// task type). Flytekit Ray tasks always do.
    public var taskTypes: [String] = []
    public var images: [String] = []
    public var projects: [String] = []
    /// `resources`: custom resources each job's entrypoint reserves (`NAME=AMOUNT,…`).
    public var resources: [String: Double] = [:]
    /// `labels`: node labels each job's entrypoint requires (`KEY=VALUE,…`).
    public var labels: [String: String] = [:]
    /// `poll_interval`: how often running jobs are checked (nil: 250ms).
    public var pollInterval: Duration?
    /// `contact_timeout`: how long the job API may not answer before an attempt fails (nil: 5m).
    public var contactTimeout: Duration?
    public init() {}
  }

  /// `tasks` section: nil means this machine's cores and physical memory.
  public struct Tasks: Sendable, Hashable {
    /// `cpu`: cores for tasks, in thousandths (`cpu: 4` is 4000, `cpu: 500m` is 500).
    public var cpuMillicores: Int64?
    /// `memory`: bytes for tasks (`memory: 8Gi`).
    public var memoryBytes: Int64?
    /// `secrets_dir`: the directory of secrets tasks may request (`projects/<project>/<group>/<key>`,
    /// `shared/<group>/<key>`); nil: only `VANE_SECRET_<GROUP>_<KEY>` variables.
    public var secretsDirectory: String?
    public init() {}
  }

  /// `warm_starts` section.
  public struct WarmStarts: Sendable, Hashable {
    /// `enabled`: whether flytekit tasks may start warm.
    public var enabled = true
    /// `cold_images`: images (or `*`) whose tasks always start cold.
    public var coldImages: Set<String> = []
    /// `idle_timeout`: how long an unused fork server stays.
    public var idleTimeout = Duration.seconds(600)
    /// `start_timeout`: how long a fork server may take to start.
    public var startTimeout = Duration.seconds(120)
    /// `start_wait`: how long an attempt waits for a starting fork server before starting cold.
    public var startWait = Duration.seconds(10)
    /// `fork_timeout`: how long a fork server may take to fork one attempt (imports included).
    public var forkTimeout = Duration.seconds(120)
    /// `max_servers`: at most this many fork servers at once.
    public var maxServers = 8
    public init() {}
  }
}
