// swift-tools-version:6.2
import PackageDescription

/// The settings of every hand-written target: Swift 6 features, and no warning left standing —
/// a new warning fails the build, and so `make test`. Generated code (FlyteIDL, FlyteIDLGRPC) and
/// the dependencies keep their own settings.
let settings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
  .treatAllWarnings(as: .error),
]

let package = Package(
  name: "vane",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "vane", targets: ["vane"]),
    .library(name: "FlyteIDL", targets: ["FlyteIDL"]),
    .library(name: "VaneCompiler", targets: ["VaneCompiler"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
    .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
  ],
  targets: [
    // Flyte's wire format: Swift generated from proto/ by scripts/idl/generate.sh (committed).
    .target(
      name: "FlyteIDL",
      dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
      exclude: ["README.md"],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    // Service stubs for AdminService, DataProxyService, SignalService and AuthMetadataService.
    .target(
      name: "FlyteIDLGRPC",
      dependencies: [
        "FlyteIDL",
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
      ],
      swiftSettings: [.swiftLanguageMode(.v6)]
    ),
    .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .target(
      name: "VaneModel",
      dependencies: ["FlyteIDL", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    .target(
      name: "VanePackage",
      dependencies: ["VaneModel", "FlyteIDL", "CZlib", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    .target(
      name: "VaneCompiler",
      dependencies: ["VaneModel", "FlyteIDL"],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    .target(
      name: "VaneData",
      dependencies: ["VaneModel", "FlyteIDL"],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    // `s3://` storage: the S3 API over async-http-client, signed with SigV4 (swift-crypto). A module of
    // its own so only what opens object storage links the HTTP client.
    .target(
      name: "VaneS3",
      dependencies: [
        "VaneData",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
    .target(
      name: "VaneStore",
      dependencies: ["VaneModel", "CSQLite", .product(name: "Logging", package: "swift-log")],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    // The engine's `ResourceStore` and event log on PostgreSQL, and shard leases: the store
    // replicas share. Kept apart so VaneStore stays free of PostgresNIO.
    .target(
      name: "VaneStorePostgres",
      dependencies: [
        "VaneStore",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    // Replicas: shard leases held by a heartbeat, the engine's ownership and write fence, the
    // leader-only singletons (issue #13).
    .target(
      name: "VaneReplica",
      dependencies: [
        "VaneEngine", "VaneStore", "VaneStorePostgres", "VaneModel",
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
      ],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    .target(
      name: "VaneEngine",
      dependencies: [
        "VaneModel", "VaneCompiler", "VaneStore", "VaneData", "FlyteIDL",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
      ],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    .target(
      name: "VanePlugins",
      dependencies: [
        "VaneEngine", "VaneData", "VaneModel", "FlyteIDL",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      exclude: ["README.md", "LocalProcess/Warm/README.md"],
      swiftSettings: settings
    ),
    // Tasks as Ray jobs through Ray's job submission REST API. A module of its own so the HTTP
    // client (and SwiftNIO under it) reaches only what places work on a Ray cluster.
    .target(
      name: "VaneRay",
      dependencies: [
        "VanePlugins", "VaneEngine", "VaneData", "VaneModel", "FlyteIDL",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOFoundationCompat", package: "swift-nio"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    // Admin records, the admin store protocols and their SQL implementations (SQLite, PostgreSQL).
    .target(
      name: "VaneAdminStore",
      dependencies: [
        "VaneModel", "VaneStore",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
      ],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    // The admin logic without a transport: registry, executions, node and task executions,
    // signals, scheduler, event ingestion.
    .target(
      name: "VaneAdmin",
      dependencies: [
        "VaneAdminStore", "VaneEngine", "VaneStore", "VaneStorePostgres", "VaneCompiler", "VaneData", "VaneModel",
        "FlyteIDL", .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    // The process `vane serve` runs: the gRPC services, the HTTP endpoints, metrics, configuration.
    .target(
      name: "VaneServer",
      dependencies: [
        "VaneAdmin", "VaneAdminStore", "VaneEngine", "VaneStore", "VaneModel", "VaneData", "VaneS3", "FlyteIDL",
        "FlyteIDLGRPC",
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCInProcessTransport", package: "grpc-swift-2"),
        .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
        .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        // Authentication: signed access tokens (JWT), TLS, an OIDC issuer's keys fetched over HTTPS.
        .product(name: "JWTKit", package: "jwt-kit"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
      ],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    // The web console on `vane serve`'s HTTP port: server-rendered pages (Mustache templates
    // embedded in the binary), live updates over Server-Sent Events, graphs laid out by Graphviz.
    .target(
      name: "VaneConsole",
      dependencies: [
        "VaneServer", "VaneAdmin", "VaneAdminStore", "VaneEngine", "VaneData", "VaneModel", "FlyteIDL",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      exclude: ["README.md", "Assets"],
      swiftSettings: settings
    ),
    // `vane run`'s progress on a terminal: a board of node phases and the frames drawn from it.
    .target(
      name: "VaneTerminal",
      dependencies: ["VaneEngine", "VaneModel", "FlyteIDL"],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    // How the remote commands find a server: flytekit/flytectl config files and their precedence.
    .target(
      name: "VaneClientConfig",
      dependencies: [.product(name: "Yams", package: "Yams")],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    .executableTarget(
      name: "vane",
      dependencies: [
        "VaneModel", "VanePackage", "VaneCompiler", "FlyteIDL", "VaneEngine", "VanePlugins", "VaneData", "VaneStore",
        "VaneAdmin", "VaneServer", "VaneConsole", "FlyteIDLGRPC", "VaneS3", "VaneRay", "VaneTerminal",
        "VaneClientConfig", "VaneReplica", "VaneStorePostgres",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      exclude: ["README.md"],
      swiftSettings: settings
    ),
    // `make bench`: the engine benchmark (see BENCHMARKS.md).
    .executableTarget(
      name: "vane-bench",
      dependencies: [
        "VaneEngine", "VanePlugins", "VaneStore", "VaneData", "VaneCompiler", "VaneModel", "FlyteIDL", "VaneS3",
        "VaneStorePostgres", "VaneAdminStore",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      path: "Benchmarks/VaneBench",
      swiftSettings: settings
    ),
    // What every test target shares: a manual clock, waiting with a deadline, temporary
    // directories, an in-memory data store, literal builders, the S3 server (moto) the
    // object-storage tests run against.
    .target(
      name: "VaneTesting",
      dependencies: [
        "VaneModel", "VaneData", "VaneS3", "FlyteIDL", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        "VaneStore", "VaneStorePostgres",
        .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
      ],
      path: "Tests/VaneTesting",
      swiftSettings: settings
    ),
    .testTarget(
      name: "FlyteIDLTests", dependencies: ["FlyteIDL", "VaneTesting"], exclude: ["Fixtures"], swiftSettings: settings),
    .testTarget(
      name: "VaneTerminalTests", dependencies: ["VaneTerminal", "VaneEngine", "VaneModel", "FlyteIDL", "VaneTesting"],
      swiftSettings: settings),
    .testTarget(
      name: "VaneClientConfigTests", dependencies: ["VaneClientConfig", "VaneTesting"], swiftSettings: settings),
    .testTarget(name: "VaneModelTests", dependencies: ["VaneModel", "FlyteIDL", "VaneTesting"], swiftSettings: settings),
    .testTarget(
      name: "VanePackageTests",
      dependencies: [
        "VanePackage", "VaneModel", "FlyteIDL", "VaneTesting",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      exclude: ["Fixtures"], swiftSettings: settings),
    .testTarget(
      name: "VaneAdminStoreTests",
      dependencies: [
        "VaneAdminStore", "VaneStore", "VaneModel", "VaneTesting",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: settings),
    .testTarget(
      name: "VaneAdminTests",
      dependencies: [
        "VaneAdmin", "VaneAdminStore", "VaneEngine", "VaneStore", "VaneData", "VaneModel", "FlyteIDL", "VaneTesting",
        "VaneStorePostgres", .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      swiftSettings: settings),
    .testTarget(
      name: "VaneServerTests",
      dependencies: [
        "VaneServer", "VaneAdmin", "VaneAdminStore", "VaneStore", "VaneModel", "FlyteIDL", "FlyteIDLGRPC", "VaneTesting",
        "VaneS3", "VaneData",
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "JWTKit", package: "jwt-kit"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      swiftSettings: settings),
    .testTarget(
      name: "VaneConsoleTests",
      dependencies: [
        "VaneConsole", "VaneAdmin", "VaneModel", "VaneData", "FlyteIDL", "VaneTesting", "VaneServer", "VaneAdminStore",
        "VaneStore",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: settings),
    .testTarget(name: "VanePluginsTests", dependencies: ["VanePlugins", "VaneModel", "VaneTesting"], swiftSettings: settings),
    .testTarget(
      name: "VaneRayTests",
      dependencies: [
        "VaneRay", "VanePlugins", "VaneEngine", "VaneData", "FlyteIDL", "VaneTesting",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      swiftSettings: settings),
    .testTarget(name: "VaneDataTests", dependencies: ["VaneData", "VaneTesting"], swiftSettings: settings),
    .testTarget(
      name: "VaneS3Tests",
      dependencies: [
        "VaneS3", "VaneData", "VaneTesting", .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Crypto", package: "swift-crypto"), .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      swiftSettings: settings),
    .testTarget(
      name: "VaneStoreTests",
      dependencies: [
        "VaneStore", "VaneStorePostgres", "VaneTesting",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: settings),
    .testTarget(
      name: "VaneReplicaTests",
      dependencies: [
        "VaneReplica", "VaneEngine", "VaneStore", "VaneStorePostgres", "VaneModel", "VaneTesting",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: settings),
    .testTarget(
      name: "VaneEngineTests",
      dependencies: ["VaneEngine", "VaneTesting", .product(name: "Metrics", package: "swift-metrics")],
      swiftSettings: settings),
    // Bounded, seeded mutation fuzzing of everything a client sends (see Tests/VaneFuzzTests/README.md).
    .testTarget(
      name: "VaneFuzzTests",
      dependencies: [
        "VaneAdmin", "VaneAdminStore", "VaneStore", "VaneCompiler", "VanePackage", "VaneData", "VaneModel", "FlyteIDL",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      exclude: ["README.md"], swiftSettings: settings),
    .testTarget(
      name: "VaneCompilerTests", dependencies: ["VaneCompiler", "VanePackage", "VaneTesting"], swiftSettings: settings),
  ]
)
