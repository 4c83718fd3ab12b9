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
    .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
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
      dependencies: ["FlyteIDL"],
      swiftSettings: settings
    ),
    .target(
      name: "VanePackage",
      dependencies: ["VaneModel", "FlyteIDL", "CZlib"],
      swiftSettings: settings
    ),
    .target(
      name: "VaneCompiler",
      dependencies: ["VaneModel", "FlyteIDL"],
      swiftSettings: settings
    ),
    .executableTarget(
      name: "vane",
      dependencies: [
        "VaneModel", "VanePackage", "VaneCompiler", "FlyteIDL",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: settings
    ),
    .testTarget(name: "FlyteIDLTests", dependencies: ["FlyteIDL"], swiftSettings: settings),
    .testTarget(name: "VanePackageTests", dependencies: ["VanePackage"], swiftSettings: settings),
    .testTarget(name: "VaneCompilerTests", dependencies: ["VaneCompiler", "VanePackage"], swiftSettings: settings),
  ]
)
