import FlyteIDL
import Foundation
import Testing
import VaneModel
import VanePackage
import VaneTesting

@Suite struct PackageLoaderErrorTests {
  private func failure(_ archive: Data, named name: String = "pkg.tgz") -> PackageLoadFailure? {
    #expect(throws: PackageLoadFailure.self) { try PackageLoader().load(archive: archive, named: name) }
  }

  @Test func missingPath() throws {
    let url = URL(fileURLWithPath: "/nonexistent/vane/package.tgz")
    let error = #expect(throws: PackageLoadFailure.self) { try PackageLoader().load(from: url) }
    #expect(error?.codes == [.notFound])
    #expect(error?.errors.first?.path == url.path)
  }

  @Test(arguments: [Data("just some text\n".utf8), Data()])
  func notAnArchive(data: Data) {
    let error = failure(data, named: "notes.txt")
    #expect(error?.codes == [.notAnArchive])
    #expect(error?.description.hasPrefix("notes.txt: ") == true)
  }

  @Test func corruptGzip() throws {
    var archive = try Data(contentsOf: TestSupport.fixture("nested.tgz"))
    for offset in stride(from: 40, to: 200, by: 7) { archive[offset] ^= 0xa5 }
    #expect(failure(archive)?.codes.first == .gzipCorrupt)
  }

  @Test func truncatedArchive() throws {
    let archive = try Data(contentsOf: TestSupport.fixture("nested-fast.tgz"))
    let error = failure(archive.prefix(archive.count / 2))
    #expect(error?.codes == [.gzipTruncated])
    #expect(error?.errors.first?.path == "pkg.tgz")
  }

  @Test func emptyArchive() throws {
    let error = failure(try TestSupport.gzip(Data(count: 10240)))
    #expect(error?.codes == [.emptyPackage])
    let onlyOtherFiles = failure(try TestSupport.tgz(["readme.txt": Data("hi".utf8)]))
    #expect(onlyOtherFiles?.codes == [.emptyPackage])
  }

  @Test func gzipOfSomethingElse() throws {
    #expect(failure(try TestSupport.gzip(Data(String(repeating: "x", count: 2000).utf8)))?.codes == [.tarCorrupt])
  }

  @Test func truncatedProtobufNamesFileAndType() throws {
    var files = try SampleEntities.minimalFiles()
    let task = try #require(files["0_app.add_1.pb"])
    files["0_app.add_1.pb"] = task.prefix(task.count - 3)
    let error = try #require(failure(try TestSupport.tgz(files)))
    #expect(error.codes == [.decodeFailed])
    let only = try #require(error.errors.first)
    #expect(only.member == "0_app.add_1.pb")
    #expect(only.path == "pkg.tgz:0_app.add_1.pb")
    #expect(only.message.contains("flyteidl.admin.TaskSpec"))
  }

  @Test func misnamedFileIsRejected() throws {
    var files = try SampleEntities.minimalFiles()
    files["5_app.wf_1.pb"] = files["1_app.wf_2.pb"]
    let error = failure(try TestSupport.tgz(files))
    #expect(error?.errors.count == 1)
    #expect([.decodeFailed, .invalidEntity].contains(error?.codes.first))
    #expect(error?.errors.first?.member == "5_app.wf_1.pb")
  }

  @Test func wrongResourceTypeIsRejected() throws {
    var files = try SampleEntities.minimalFiles()
    var task = SampleEntities.task("app.odd")
    task.template.id.resourceType = .workflow
    files["7_app.odd_1.pb"] = try SampleEntities.bytes(task)
    let error = failure(try TestSupport.tgz(files))
    #expect(error?.codes == [.invalidEntity])
    #expect(error?.errors.first?.message.contains("expected task") == true)
  }

  @Test func pathTraversalMember() throws {
    var tar = TarBuilder()
    for (name, data) in try SampleEntities.minimalFiles().sorted(by: { $0.key < $1.key }) { tar.add(name, data) }
    tar.add("../../etc/cron.d/evil_1.pb", Data("x".utf8))
    let error = failure(try TestSupport.gzip(tar.finished))
    #expect(error?.codes == [.unsafeMemberPath])
    #expect(error?.errors.first?.path == "pkg.tgz:../../etc/cron.d/evil_1.pb")
  }

  @Test func differentEntitiesUnderOneNameAreRejected() throws {
    var files = try SampleEntities.minimalFiles()
    var other = SampleEntities.task("app.add")
    other.template.metadata.retries.retries = 4
    files["sub/9_app.add_1.pb"] = try SampleEntities.bytes(other)
    let error = failure(try TestSupport.tgz(files))
    #expect(error?.codes == [.duplicateEntity])
    #expect(error?.errors.first?.member == "sub/9_app.add_1.pb")
    #expect(error?.errors.first?.message.contains("0_app.add_1.pb") == true)
    #expect(error?.errors.first?.message.contains("different content") == true)
  }

  @Test func badCodeArchive() throws {
    var files = try SampleEntities.minimalFiles()
    files["fastabc.tar.gz"] = Data("not gzip".utf8)
    files["fastdef.tar.gz"] = try TestSupport.gzip(Data(count: 1024))
    let error = failure(try TestSupport.tgz(files))
    #expect(error?.codes == [.multipleCodeArchives, .codeArchiveInvalid])
  }

  @Test func reportsAllProblemsTogether() throws {
    var tar = TarBuilder()
    tar.add("0_good.task_1.pb", try SampleEntities.bytes(SampleEntities.task("good.task")))
    tar.add("1_broken_1.pb", Data([0x0a, 0x50, 0x01]))
    tar.add("2_empty_2.pb", Data())
    tar.add("/abs/3_x_3.pb", Data())
    tar.add("4_lp_3.pb", try SampleEntities.bytes(SampleEntities.task("not.a.plan")))
    tar.add("5_cut_1.pb", Data(count: 4), declaredSize: 4096)
    let error = try #require(failure(try TestSupport.gzip(Data(tar.bytes))))
    #expect(error.codes == [.unsafeMemberPath, .tarTruncated, .decodeFailed, .invalidEntity, .invalidEntity])
    let lines = error.description.split(separator: "\n")
    #expect(lines.count == 5)
    #expect(lines.allSatisfy { $0.hasPrefix("pkg.tgz:") })
    #expect(lines.contains { $0.hasPrefix("pkg.tgz:1_broken_1.pb: ") })
  }

  @Test func directoryProblemsUseFilePaths() throws {
    let temporary = try TestSupport.temporaryDirectory()
    defer { temporary.remove() }
    let directory = temporary.url
    try TestSupport.write(["a/0_bad_1.pb": Data([0xff, 0xff, 0xff])], under: directory)
    let error = #expect(throws: PackageLoadFailure.self) { try PackageLoader().load(from: directory) }
    #expect(error?.codes == [.decodeFailed])
    #expect(error?.errors.first?.path == directory.path + "/a/0_bad_1.pb")
    let empty = try TestSupport.temporaryDirectory()
    defer { empty.remove() }
    #expect(throws: PackageLoadFailure.self) { try PackageLoader().load(from: empty.url) }
  }
}
