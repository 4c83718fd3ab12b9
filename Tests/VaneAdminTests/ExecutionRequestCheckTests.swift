import FlyteIDL
import Foundation
import Testing
import VaneAdminStore
import VaneData
import VaneTesting

@testable import VaneAdmin

/// Regressions (issue 9, item 10): `CreateExecution` passed `LD_PRELOAD`/`PATH` to tasks and
/// accepted `file:///etc/passwd` as a blob input.
@Suite struct ExecutionRequestCheckTests {
  let check = ExecutionRequestCheck(layout: DataLayout(dataDirectory: DataURI(filePath: "/srv/vane")))

  func blob(_ uri: String) -> Flyteidl_Core_LiteralMap {
    var literal = Flyteidl_Core_Literal()
    literal.scalar.blob.uri = uri
    var map = Flyteidl_Core_LiteralMap()
    var nested = Flyteidl_Core_Literal()
    nested.collection.literals = [literal]
    map.literals["files"] = nested
    return map
  }

  @Test(arguments: [
    "LD_PRELOAD", "LD_LIBRARY_PATH", "PATH", "PYTHONPATH", "BASH_ENV", "FLYTE_INTERNAL_EXECUTION_ID", "1X", "A=B",
  ])
  func processStartupVariablesAreRefused(name: String) {
    #expect(throws: AdminError.self) { try ExecutionRequestCheck.environment([name: "x"], at: "spec.envs") }
  }

  @Test func ordinaryVariablesPass() throws {
    try ExecutionRequestCheck.environment(
      ["MODEL": "big", "_DEBUG": "1", "FLYTE_SDK_LOGGING_LEVEL": "20"], at: "spec.envs")
    #expect(throws: AdminError.self) {
      try ExecutionRequestCheck.environment(["BIG": String(repeating: "x", count: 40_000)], at: "spec.envs")
    }
  }

  @Test(arguments: [
    "file:///etc/passwd", "/etc/passwd", "file:///srv/vane/vane.db", "file:///srv/vane/metadata/../vane.db",
    "file:///srv/vane/uploads/other/development/x/data.csv", "file:///srv/vane/auth/url-key",
  ])
  func localFilesOutsideTheProjectsDataAreRefused(uri: String) {
    let error = #expect(throws: AdminError.self) { try check.localReferences(blob(uri), project: "mine") }
    #expect(error?.location == "inputs.files[0]")
  }

  @Test(arguments: [
    "file:///srv/vane/uploads/mine/development/x/data.csv", "file:///srv/vane/metadata/mine-development-e1/n0/data/0/o",
    "file:///srv/vane/raw/ab/e1-n0-0/file.bin", "s3://bucket/key", "https://example.com/data.csv",
  ])
  func theProjectsDataAndRemoteURIsPass(uri: String) throws {
    try check.localReferences(blob(uri), project: "mine")
  }

  @Test func aLinkUnderAnAllowedRootDoesNotLeadOut() throws {
    let temporary = try TemporaryDirectory("vane-check")
    defer { temporary.remove() }
    let root = temporary.path
    try FileManager.default.createDirectory(atPath: root + "/raw/ab", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: root + "/raw/ab/passwd", withDestinationPath: "/etc/passwd")
    let check = ExecutionRequestCheck(layout: DataLayout(dataDirectory: DataURI(filePath: root)))
    #expect(throws: AdminError.self) {
      try check.localReferences(blob("file://\(root)/raw/ab/passwd"), project: "mine")
    }
    #expect(throws: AdminError.self) { try check.rawOutputPrefix("file:///tmp/elsewhere") }
    try check.rawOutputPrefix("file://\(root)/raw/custom")
  }
}
