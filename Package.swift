// swift-tools-version:6.1
import PackageDescription

let settings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
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
      swiftSettings: settings
    ),
    .target(
      name: "VanePackage",
      dependencies: ["VaneModel", "FlyteIDL", "CZlib", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
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
      swiftSettings: settings
    ),
    .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
    .target(
      name: "VaneStore",
      dependencies: ["VaneModel", "CSQLite", .product(name: "Logging", package: "swift-log")],
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
      swiftSettings: settings
    ),
    .target(
      name: "VanePlugins",
      dependencies: [
        "VaneEngine", "VaneData", "VaneModel", "FlyteIDL",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      swiftSettings: settings
    ),
    // The Flyte admin API (gRPC) and the HTTP endpoints of `vane serve`.
    .target(
      name: "VaneAdmin",
      dependencies: [
        "VaneEngine", "VaneStore", "VaneCompiler", "VaneData", "VaneModel", "FlyteIDL", "FlyteIDLGRPC",
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
        .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Prometheus", package: "swift-prometheus"),
      ],
      swiftSettings: settings
    ),
    .executableTarget(
      name: "vane",
      dependencies: [
        "VaneModel", "VanePackage", "VaneCompiler", "FlyteIDL", "VaneEngine", "VanePlugins", "VaneData", "VaneStore",
        "VaneAdmin", "FlyteIDLGRPC",
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
      swiftSettings: settings
    ),
    // `make bench`: the engine benchmark (see BENCHMARKS.md).
    .executableTarget(
      name: "vane-bench",
      dependencies: [
        "VaneEngine", "VanePlugins", "VaneStore", "VaneData", "VaneCompiler", "VaneModel", "FlyteIDL",
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      path: "Benchmarks/VaneBench",
      swiftSettings: settings
    ),
    .testTarget(
      name: "FlyteIDLTests", dependencies: ["FlyteIDL"], exclude: ["Fixtures"], swiftSettings: settings),
    .testTarget(
      name: "VanePackageTests",
      dependencies: [
        "VanePackage", "VaneModel", "FlyteIDL", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      exclude: ["Fixtures"], swiftSettings: settings),
    .testTarget(
      name: "VaneAdminTests",
      dependencies: [
        "VaneAdmin", "FlyteIDLGRPC", "VaneStore",
        .product(name: "GRPCCore", package: "grpc-swift-2"),
        .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: settings),
    .testTarget(name: "VanePluginsTests", dependencies: ["VanePlugins"], swiftSettings: settings),
    .testTarget(name: "VaneDataTests", dependencies: ["VaneData"], swiftSettings: settings),
    .testTarget(name: "VaneStoreTests", dependencies: ["VaneStore"], swiftSettings: settings),
    .testTarget(
      name: "VaneEngineTests",
      dependencies: ["VaneEngine", .product(name: "Metrics", package: "swift-metrics")], swiftSettings: settings),
    .testTarget(name: "VaneCompilerTests", dependencies: ["VaneCompiler", "VanePackage"], swiftSettings: settings),
  ]
)
