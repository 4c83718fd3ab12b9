import FlyteIDL
import Foundation
import Testing
import VaneCompiler

@testable import VanePackage

/// `pyflyte package` archives as `vane run`, `vane register` and the upload endpoint load them:
/// mutated tar archives (checksums mostly repaired so damage reaches the members) and gzip
/// streams, then every workflow of an accepted package compiled against the package.
@Suite struct PackageFuzzTests {
  static let archives = [
    FuzzSeeds.packages.appendingPathComponent("hello-fast.tgz"),
    FuzzSeeds.tests.appendingPathComponent("VanePackageTests/Fixtures/nested.tgz"),
    FuzzSeeds.tests.appendingPathComponent("VanePackageTests/Fixtures/nested-fast.tgz"),
  ]

  @Test func tarArchivesLoadOrReject() async throws {
    let tars = try Self.archives.map {
      try [UInt8](GzipInflater.inflate(Data(try FuzzSeeds.file($0)), limit: 16 << 20))
    }
    let campaign = FuzzCampaign(
      name: "package-tar", seeds: tars, iterations: 1200,
      mutator: Mutator(
        dictionary: ["ustar\u{0}00", "././@LongLink", "path=", "size=", "../", "_2.pb", "fast", ".tar.gz", "0000777"]
          .map(\.bytes),
        maxSize: 1 << 20, repair: Self.fixChecksums))
    let report = await campaign.run { input in try Self.loadAndCompile(input) }
    #expect(report.findings.isEmpty, "\(report.findings.prefix(5).joined(separator: "\n"))")
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  @Test func gzipArchivesLoadOrReject() async throws {
    let campaign = FuzzCampaign(
      name: "package-gzip", seeds: try Self.archives.map(FuzzSeeds.file), iterations: 800,
      mutator: Mutator(dictionary: [[0x1F, 0x8B, 0x08, 0x00], [0x00, 0x00, 0xFF, 0xFF]], maxSize: 1 << 20))
    let report = await campaign.run { input in try Self.loadAndCompile(input) }
    #expect(report.findings.isEmpty, "\(report.findings.prefix(5).joined(separator: "\n"))")
    #expect(report.accepted > 0 && report.rejected > 0)
  }

  /// Loads the package (bounded to 8 MiB expanded) and compiles each of its workflows, as
  /// `vane run` does before anything runs.
  static func loadAndCompile(_ input: [UInt8]) throws {
    let package = try PackageLoader(maxExpandedBytes: 8 << 20).load(archive: Data(input), named: "fuzz.tgz")
    let compiler = WorkflowCompiler(
      catalog: EntityCatalog(
        tasks: package.tasks.map(\.template), workflows: package.workflows.flatMap { [$0.template] + $0.subWorkflows },
        launchPlans: package.launchPlans))
    for workflow in package.workflows { _ = try compiler.compile(workflow) }
  }

  /// Every block that reads as a ustar header gets the checksum its bytes add up to.
  static func fixChecksums(_ archive: [UInt8]) -> [UInt8] {
    var bytes = archive
    var offset = 0
    while offset + 512 <= bytes.count {
      if bytes[(offset + 257)..<(offset + 262)].elementsEqual("ustar".utf8) {
        for index in 148..<156 { bytes[offset + index] = 0x20 }
        let sum = bytes[offset..<(offset + 512)].reduce(0) { $0 + Int($1) }
        let field = Array(String(sum, radix: 8).leftPadded(to: 6).utf8) + [0, 0x20]
        bytes.replaceSubrange((offset + 148)..<(offset + 156), with: field)
      }
      offset += 512
    }
    return bytes
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
