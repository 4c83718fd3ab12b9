import Foundation
import Testing
import VaneAdminStore
import VaneServer

@Suite struct ConfigTests {
  @Test func defaultsNeedNoFile() throws {
    let config = try ConfigReader.load(path: nil, environment: [:])
    #expect(config == Config())
    #expect(config.server.grpcPort == 8089)
    #expect(config.server.httpPort == 8088)
    #expect(config.adminStore.kind == .sqlite)
    #expect(config.engine.workers == 16)
    #expect(config.engine.resyncInterval == .seconds(10))
    #expect(config.tasks.cpuMillicores == nil)
    #expect(config.dataDirectory == nil)
  }

  @Test func decodesEveryField() throws {
    let config = try ConfigReader.decode(
      """
      data_dir: /srv/vane
      server:
        host: 0.0.0.0
        grpc_port: 9000
        http_port: 0
      admin_store:
        kind: postgres
        postgres:
          port: 6000
          url: postgres://alice:s%40cret@db.local:5433/flyte
          max_connections: 4
          connect_timeout: 2s
      engine:
        workers: 3
        resync_interval: 500ms
      images:
        "*": /opt/venv
        python:3.11: /opt/py311
      tasks:
        cpu: 1500m
        memory: 2Gi
      auth:
        clients_file: /etc/vane/clients.json
      """)
    #expect(config.dataDirectory == "/srv/vane")
    #expect(config.server.host == "0.0.0.0")
    #expect(config.server.grpcPort == 9000)
    #expect(config.server.httpPort == 0)
    #expect(config.adminStore.kind == .postgres)
    let postgres = config.adminStore.postgres
    // The url sets its parts; the separate `port` key overrides it whatever the order.
    #expect(postgres.host == "db.local")
    #expect(postgres.port == 6000)
    #expect(postgres.user == "alice")
    #expect(postgres.password == "s@cret")
    #expect(postgres.database == "flyte")
    #expect(postgres.maxConnections == 4)
    #expect(postgres.connectTimeout == .seconds(2))
    #expect(config.engine.workers == 3)
    #expect(config.engine.resyncInterval == .milliseconds(500))
    #expect(config.images == ["*": "/opt/venv", "python:3.11": "/opt/py311"])
    #expect(config.tasks.cpuMillicores == 1500)
    #expect(config.tasks.memoryBytes == 2 << 30)
    #expect(config.auth.clientsFile == "/etc/vane/clients.json")
  }

  @Test func environmentOverridesTheFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("vane-config-\(UUID()).yaml").path
    try Data("server:\n  grpc_port: 9000\nengine:\n  workers: 2\n".utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let config = try ConfigReader.load(
      path: path,
      environment: [
        "VANE_SERVER_GRPC_PORT": "9100", "VANE_ADMIN_STORE_KIND": "postgres",
        "VANE_ADMIN_STORE_POSTGRES_URL": "postgres://bob@h:1234/d", "VANE_IMAGES": "*=/a,py=/b",
        "VANE_DATA_DIR": "/data", "UNRELATED": "x",
      ])
    #expect(config.server.grpcPort == 9100)
    #expect(config.engine.workers == 2)
    #expect(config.adminStore.kind == .postgres)
    #expect(config.adminStore.postgres.user == "bob")
    #expect(config.adminStore.postgres.port == 1234)
    #expect(config.images == ["*": "/a", "py": "/b"])
    #expect(config.dataDirectory == "/data")
  }

  @Test(arguments: [
    ("server:\n  grpc_prot: 1\n", ConfigError.Code.unknownKey, "server.grpc_prot", 2),
    ("colour: red\n", .unknownKey, "colour", 1),
    ("engine:\n  workers: many\n", .wrongType, "engine.workers", 2),
    ("engine:\n  workers: 0\n", .invalidValue, "engine.workers", 2),
    ("server: 8089\n", .wrongType, "server", 1),
    ("server:\n  host:\n    - a\n", .wrongType, "server.host", 2),
    ("\n\nadmin_store:\n  kind: mysql\n", .invalidValue, "admin_store.kind", 4),
    ("engine:\n  resync_interval: soon\n", .wrongType, "engine.resync_interval", 2),
    ("tasks:\n  memory: lots\n", .wrongType, "tasks.memory", 2),
    ("tasks:\n  memory: -2Gi\n", .invalidValue, "tasks.memory", 2),
    ("tasks:\n  memory: 0\n", .invalidValue, "tasks.memory", 2),
    ("tasks:\n  cpu: -1\n", .invalidValue, "tasks.cpu", 2),
    ("tasks:\n  cpu: 1x\n", .wrongType, "tasks.cpu", 2),
    ("server:\n  http_port: 70000\n", .invalidValue, "server.http_port", 2),
    ("admin_store:\n  postgres:\n    url: mysql://x\n", .invalidValue, "admin_store.postgres.url", 3),
    ("ray:\n  address: head:8265\n", .invalidValue, "ray.address", 2),
    ("ray:\n  resources: gpu_node\n", .invalidValue, "ray.resources", 2),
    ("ray:\n  resources: gpu_node=0\n", .invalidValue, "ray.resources", 2),
    ("ray:\n  labels: zone\n", .invalidValue, "ray.labels", 2),
    ("ray:\n  poll_interval: often\n", .wrongType, "ray.poll_interval", 2),
    ("warm_starts:\n  enabled: maybe\n", .wrongType, "warm_starts.enabled", 2),
    ("warm_starts:\n  max_servers: 0\n", .invalidValue, "warm_starts.max_servers", 2),
    ("warm_starts:\n  idle_timeout: 0s\n", .invalidValue, "warm_starts.idle_timeout", 2),
  ])
  func badFilesNameTheKeyAndLine(text: String, code: ConfigError.Code, key: String, line: Int) {
    #expect {
      _ = try ConfigReader.decode(text, file: "vane.yaml")
    } throws: { error in
      guard let error = error as? ConfigError else { return false }
      return error.code == code && error.key == key && error.location == "vane.yaml:\(line)"
        && error.description.contains(key)
    }
  }

  @Test func theRaySection() throws {
    #expect(Config().ray.address == nil)
    let config = try ConfigReader.decode(
      """
      ray:
        address: http://head:8265
        work_dir: /shared/work
        task_types: python-task, container
        images: ghcr.io/org/gpu
        projects: big,
        resources: vane_pool=0.01, gpu_node=1
        labels: zone=a
        poll_interval: 100ms
        contact_timeout: 2m
      """)
    let ray = config.ray
    #expect(ray.address == "http://head:8265")
    #expect(ray.workDirectory == "/shared/work")
    #expect(ray.taskTypes == ["python-task", "container"])
    #expect(ray.images == ["ghcr.io/org/gpu"])
    #expect(ray.projects == ["big"])
    #expect(ray.resources == ["vane_pool": 0.01, "gpu_node": 1])
    #expect(ray.labels == ["zone": "a"])
    #expect(ray.pollInterval == .milliseconds(100))
    #expect(ray.contactTimeout == .seconds(120))
    let environment = try ConfigReader.load(path: nil, environment: ["VANE_RAY_ADDRESS": "https://ray.example"])
    #expect(environment.ray.address == "https://ray.example")
  }

  @Test func theWarmStartsSection() throws {
    #expect(Config().warmStarts.enabled)
    let config = try ConfigReader.decode(
      """
      warm_starts:
        enabled: false
        cold_images: ghcr.io/acme/legacy, python:3.9,
        idle_timeout: 5m
        start_timeout: 30s
        start_wait: 2s
        fork_timeout: 1m
        max_servers: 3
      """)
    let warm = config.warmStarts
    #expect(!warm.enabled)
    #expect(warm.coldImages == ["ghcr.io/acme/legacy", "python:3.9"])
    #expect(warm.idleTimeout == .seconds(300))
    #expect(warm.startTimeout == .seconds(30))
    #expect(warm.startWait == .seconds(2))
    #expect(warm.forkTimeout == .seconds(60))
    #expect(warm.maxServers == 3)
    // The global switch as the e2e fixtures set it: the environment over the file.
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("vane-config-\(UUID()).yaml").path
    try Data("warm_starts:\n  enabled: on\n".utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try ConfigReader.load(path: path, environment: [:]).warmStarts.enabled)
    #expect(!(try ConfigReader.load(path: path, environment: ["VANE_WARM_STARTS_ENABLED": "off"]).warmStarts.enabled))
  }

  @Test func badEnvironmentValueNamesTheVariable() {
    #expect {
      _ = try ConfigReader.load(path: nil, environment: ["VANE_ENGINE_WORKERS": "-1"])
    } throws: { error in
      (error as? ConfigError)?.location == "VANE_ENGINE_WORKERS"
    }
  }

  @Test func invalidYAMLAndMissingFileAreUnreadable() {
    #expect(throws: ConfigError.self) { _ = try ConfigReader.decode("server: [unclosed\n") }
    #expect {
      _ = try ConfigReader.load(path: "/nonexistent/vane.yaml", environment: [:])
    } throws: { error in
      (error as? ConfigError)?.code == .unreadable
    }
  }

  @Test func emptyFileAndEmptyValuesKeepDefaults() throws {
    #expect(try ConfigReader.decode("") == Config())
    #expect(try ConfigReader.decode("server:\n  host:\n") == Config())
  }
}
