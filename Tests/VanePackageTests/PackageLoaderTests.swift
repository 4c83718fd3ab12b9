import FlyteIDL
import Foundation
import Testing
import VaneModel
import VanePackage
import VaneTesting

@Suite struct PackageLoaderTests {
  static let nestedTasks = [
    "nested.flows.double", "nested.flows.fan", "nested.flows.map_square_6b3bd0353da5de6e84d7982921ead2b3-arraynode",
    "nested.flows.square",
  ]

  @Test func loadsAFastPackage() throws {
    let package = try PackageLoader().load(from: TestSupport.fixture("nested-fast.tgz"))
    #expect(package.tasks.map(\.template.id.name) == Self.nestedTasks)
    #expect(package.workflows.map(\.template.id.name) == ["nested.flows.inner", "nested.flows.outer"])
    #expect(
      package.launchPlans.map(\.id.name) == ["nested.flows.inner", "nested.flows.inner_lp", "nested.flows.outer"])
    #expect(
      package.entityNames
        == (Self.nestedTasks + ["nested.flows.inner", "nested.flows.inner_lp", "nested.flows.outer"]).sorted())

    let archive = try #require(package.codeArchive)
    #expect(archive.fileName == "fastbf149b28d41a85dc5ca3adb5fcadda5d.tar.gz")
    #expect(archive.digest == "bf149b28d41a85dc5ca3adb5fcadda5d")
    #expect(archive.data.count == 559)
    #expect(package.scope.version == archive.digest)
    #expect(package.scope.project == "flytesnacks" && package.scope.domain == "development")

    let double = try #require(package.task(named: "nested.flows.double"))
    #expect(double.template.id.project == "flytesnacks")
    #expect(double.template.id.version == archive.digest)
    #expect(double.template.container.args.contains("{{ .remote_package_path }}"))
    #expect(package.task(id: double.template.id)?.template.id.name == "nested.flows.double")
    #expect(package.workflow(named: "nested.flows.outer") != nil)
    #expect(package.launchPlan(named: "nested.flows.inner_lp")?.spec.workflowID.name == "nested.flows.inner")
    #expect(package.task(named: "nested.flows.outer") == nil)
  }

  @Test func loadsAPackageWithoutCode() throws {
    let package = try PackageLoader(project: "p", domain: "d").load(from: TestSupport.fixture("nested.tgz"))
    #expect(package.codeArchive == nil)
    #expect(package.tasks.count == 4 && package.workflows.count == 2 && package.launchPlans.count == 3)
    // Without a code archive the version is a content digest: stable, hex, 32 characters.
    let version = package.scope.version
    #expect(version.count == 32 && version.allSatisfy(\.isHexDigit))
    let again = try PackageLoader(project: "p", domain: "d").load(from: TestSupport.fixture("nested.tgz"))
    #expect(again.scope.version == version)
    #expect(package.tasks.allSatisfy { !$0.template.container.args.contains("{{ .remote_package_path }}") })
  }

  @Test func explicitVersionWins() throws {
    let package = try PackageLoader(version: "v42").load(from: TestSupport.fixture("nested-fast.tgz"))
    #expect(package.scope.version == "v42")
    #expect(package.workflow(named: "nested.flows.outer")?.template.id.version == "v42")
  }

  @Test func loadsADirectoryRecursively() throws {
    let temporary = try TestSupport.temporaryDirectory()
    defer { temporary.remove() }
    let directory = temporary.url
    try TestSupport.run("tar", ["-xzf", TestSupport.fixture("nested-fast.tgz").path, "-C", directory.path])
    // Move one file into a subfolder and add files that must be ignored.
    let sub = directory.appendingPathComponent("more")
    try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
    try FileManager.default.moveItem(
      at: directory.appendingPathComponent("0_nested.flows.double_1.pb"),
      to: sub.appendingPathComponent("0_nested.flows.double_1.pb"))
    try TestSupport.write(["README.md": Data("notes".utf8), "more/7_x_4.pb": Data("junk".utf8)], under: directory)

    let fromDirectory = try PackageLoader().load(from: directory)
    let fromArchive = try PackageLoader().load(from: TestSupport.fixture("nested-fast.tgz"))
    #expect(fromDirectory.entityNames == fromArchive.entityNames)
    #expect(fromDirectory.codeArchive == fromArchive.codeArchive)
    #expect(fromDirectory.scope == fromArchive.scope)
    #expect(fromDirectory.task(named: "nested.flows.double") == fromArchive.task(named: "nested.flows.double"))
  }

  @Test func contentDigestIgnoresArchiveTimestamps() throws {
    let files = try SampleEntities.minimalFiles()
    let first = try PackageLoader().load(archive: try TestSupport.tgz(files, format: "gnu"), named: "a.tgz")
    let second = try PackageLoader().load(archive: try TestSupport.tgz(files, format: "pax"), named: "b.tgz")
    #expect(first.scope.version == second.scope.version)
    var changed = files
    changed["0_app.add_1.pb"] = try SampleEntities.bytes(SampleEntities.task("app.add", args: ["other"]))
    let third = try PackageLoader().load(archive: try TestSupport.tgz(changed), named: "c.tgz")
    #expect(third.scope.version != first.scope.version)
  }

  @Test func readsUncompressedTarAndLongMemberNames() throws {
    var tar = TarBuilder()
    let deep = String(repeating: "folder/", count: 20)
    for (name, data) in try SampleEntities.minimalFiles().sorted(by: { $0.key < $1.key }) {
      tar.addLongName(deep + name)
      tar.add(String((deep + name).prefix(99)), data)
    }
    let package = try PackageLoader().load(archive: tar.finished, named: "plain.tar")
    #expect(package.entityNames == ["app.add", "app.wf"])
  }

  @Test func ignoresUnknownFiles() throws {
    var files = try SampleEntities.minimalFiles()
    files["notes.txt"] = Data("hello".utf8)
    files["3_app.extra_7.pb"] = Data("not a spec".utf8)
    files["app_1.pbx"] = Data("nope".utf8)
    let package = try PackageLoader().load(archive: try TestSupport.tgz(files), named: "x.tgz")
    #expect(package.entityNames == ["app.add", "app.wf"])
  }

  @Test func identicalDefinitionsAreOneEntity() throws {
    // `pyflyte package` writes a map task once per workflow that maps it: byte-identical files.
    var files = try SampleEntities.minimalFiles()
    files["sub/9_app.add_1.pb"] = files["0_app.add_1.pb"]
    files["12_app.wf_2.pb"] = files["1_app.wf_2.pb"]
    let package = try PackageLoader().load(archive: try TestSupport.tgz(files), named: "x.tgz")
    #expect(package.entityNames == ["app.add", "app.wf"])
    #expect(package.tasks.count == 1 && package.workflows.count == 1)
  }

  @Test func worksOnSharedExamplePackagesWhenPresent() throws {
    for url in TestSupport.sharedPackages() {
      let package = try PackageLoader().load(from: url)
      #expect(!package.entityNames.isEmpty, "\(url.lastPathComponent)")
      #expect(package.tasks.allSatisfy { !$0.template.id.project.isEmpty && !$0.template.id.version.isEmpty })
      let resolved = package.resolvingRemotePackagePath("s3://bucket/code.tar.gz")
      let leftovers = resolved.tasks.flatMap(\.template.container.args).filter { $0.contains("remote_package_path") }
      #expect(leftovers.isEmpty, "\(url.lastPathComponent)")
      if let archive = package.codeArchive {
        #expect(package.scope.version == archive.digest)
      }
    }
  }
}
