import Foundation
import Testing
import VanePackage
import VaneTesting

@Suite struct CodeArchiveTests {
  @Test func writesTheArchiveToADirectory() throws {
    let package = try PackageLoader().load(from: TestSupport.fixture("nested-fast.tgz"))
    let archive = try #require(package.codeArchive)
    let temporary = try TestSupport.temporaryDirectory()
    defer { temporary.remove() }
    let directory = temporary.url.appendingPathComponent("new/sub")
    let file = try archive.write(to: directory)
    #expect(file.lastPathComponent == archive.fileName)
    #expect(try Data(contentsOf: file) == archive.data)
    // What was written is the user's code, readable by tar.
    let listing = String(decoding: try TestSupport.run("tar", ["-tzf", file.path]), as: UTF8.self)
    #expect(listing.contains("nested/flows.py"))
  }

  @Test func reportsWriteFailures() throws {
    let archive = CodeArchive(fileName: "fastabc.tar.gz", data: Data("x".utf8))
    #expect(archive.digest == "abc")
    let error = #expect(throws: PackageError.self) {
      try archive.write(to: URL(fileURLWithPath: "/proc/vane-cannot-write-here"))
    }
    #expect(error?.code == .writeFailed)
  }

  @Test func namesWithoutDigest() {
    #expect(CodeArchive(fileName: "fast.tar.gz", data: Data()).digest == "")
    #expect(CodeArchive.isCodeArchiveName("fast123.tar.gz"))
    #expect(!CodeArchive.isCodeArchiveName("code.tar.gz"))
  }
}
