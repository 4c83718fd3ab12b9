import Foundation
import Testing
import VaneTesting

@testable import VanePlugins

@Suite struct SandboxDistributionTests {
  @Test func theFastExecuteBundleIsFoundInTheCommand() {
    let command = [
      "pyflyte-fast-execute", "--additional-distribution", "file:///d/uploads/p/d/x/fast1.tar.gz", "--dest-dir", ".",
      "--", "pyflyte-execute",
    ]
    #expect(LocalProcessPlugin.distributions(in: command) == ["file:///d/uploads/p/d/x/fast1.tar.gz"])
    #expect(LocalProcessPlugin.distributions(in: ["pyflyte-execute", "--additional-distribution"]).isEmpty)
  }

  @Test func onlyFilesInsideTheRootsAreAllowed() throws {
    let directory = try TemporaryDirectory()
    let uploads = directory.url.appendingPathComponent("uploads")
    try FileManager.default.createDirectory(at: uploads, withIntermediateDirectories: true)
    let inside = uploads.appendingPathComponent("fast.tar.gz")
    let outside = directory.url.appendingPathComponent("vane.db")
    for file in [inside, outside] { try Data("x".utf8).write(to: file) }
    let allowed = LocalProcessPlugin.allowed(
      [inside.absoluteString, outside.absoluteString, "s3://bucket/fast.tar.gz", "file:///no/such/file"],
      roots: [uploads.path])
    #expect(allowed == [LocalProcessPlugin.existing(inside.path)])
  }
}
