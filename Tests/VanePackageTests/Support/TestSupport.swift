import Foundation
import Testing
import VaneTesting

/// Files and tools the tests share.
enum TestSupport {
  /// A fixture committed under `Tests/VanePackageTests/Fixtures`.
  static func fixture(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures").appendingPathComponent(name)
  }

  /// Packages (`.tgz` files and directories) made from the example projects under
  /// `Tests/Fixtures/packages`, when there are any.
  static func sharedPackages() -> [URL] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/packages")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted().map {
      folder.appendingPathComponent($0)
    }
  }

  /// A new, empty temporary directory; the caller removes it.
  static func temporaryDirectory() throws -> TemporaryDirectory {
    try TemporaryDirectory("vane-package-tests")
  }

  /// Runs a tool and returns its standard output; fails when it exits non-zero.
  @discardableResult
  static func run(_ tool: String, _ arguments: [String], input: Data? = nil, in directory: URL? = nil) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    if let directory { process.currentDirectoryURL = directory }
    let output = Pipe()
    process.standardOutput = output
    let inputPipe = Pipe()
    if input != nil { process.standardInput = inputPipe }
    try process.run()
    if let input {
      inputPipe.fileHandleForWriting.write(input)
      try inputPipe.fileHandleForWriting.close()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ToolFailure(description: "\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
    return data
  }

  /// `data` compressed by the `gzip` tool.
  static func gzip(_ data: Data) throws -> Data {
    try run("gzip", ["-c", "-n"], input: data)
  }

  /// Writes `files` (relative path → bytes) under `directory`.
  static func write(_ files: [String: Data], under directory: URL) throws {
    for (path, data) in files {
      let url = directory.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url)
    }
  }

  /// A `.tgz` made by the `tar` tool (`format`: gnu, pax, ustar) from `files`.
  static func tgz(_ files: [String: Data], format: String = "gnu") throws -> Data {
    let directory = try temporaryDirectory()
    defer { directory.remove() }
    try write(files, under: directory.url)
    return try run("tar", ["--format=\(format)", "-czf", "-", "-C", directory.path] + files.keys.sorted())
  }
}

struct ToolFailure: Error, CustomStringConvertible {
  let description: String
}
