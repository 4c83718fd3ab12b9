import Foundation
import Testing

@testable import VanePackage

@Suite struct TarReaderTests {
  static let longName = String(repeating: "deeply_nested_folder/", count: 8) + "0_app.with.a.very.long.module.name_1.pb"

  private func read(_ archive: Data) throws -> TarContents {
    let bytes = [UInt8](try GzipInflater.inflate(archive, limit: 1 << 24))
    return TarReader.read(bytes)
  }

  @Test(arguments: ["gnu", "pax", "ustar"])
  func readsLongNamesWrittenByTar(format: String) throws {
    #expect(Self.longName.utf8.count > 100)
    let archive = try TestSupport.tgz(
      [Self.longName: Data("payload".utf8), "short.txt": Data("s".utf8)], format: format)
    let contents = try read(archive)
    #expect(contents.problems.isEmpty)
    let files = contents.entries.filter { $0.kind == .file }
    #expect(files.map(\.path).sorted() == [Self.longName, "short.txt"])
    #expect(files.first { $0.path == Self.longName }?.data == Data("payload".utf8))
  }

  @Test func readsGnuLongLinkAndPaxPathHeaders() {
    var tar = TarBuilder()
    tar.addLongName("gnu/" + Self.longName)
    tar.add("truncated-name", Data("one".utf8))
    tar.addPax(["path": "pax/" + Self.longName, "mtime": "1.5"])
    tar.add("other-truncated", Data("two".utf8))
    tar.add("name.txt", Data("three".utf8), prefix: "ustar/prefix")
    let contents = TarReader.read([UInt8](tar.finished))
    #expect(contents.problems.isEmpty)
    #expect(contents.entries.map(\.path) == ["gnu/" + Self.longName, "pax/" + Self.longName, "ustar/prefix/name.txt"])
    #expect(contents.entries.map(\.data) == [Data("one".utf8), Data("two".utf8), Data("three".utf8)])
  }

  @Test func normalisesDotSegments() {
    var tar = TarBuilder()
    tar.add("./", type: "5")
    tar.add("./a//b/./c.pb", Data("x".utf8))
    let contents = TarReader.read([UInt8](tar.finished))
    #expect(contents.problems.isEmpty)
    #expect(contents.entries.map(\.path) == ["a/b/c.pb"])
  }

  @Test(arguments: ["../escape_1.pb", "a/../../escape_1.pb", "/etc/passwd", "ok/.."])
  func rejectsUnsafePathsAndKeepsReading(path: String) {
    var tar = TarBuilder()
    tar.add(path, Data("bad".utf8))
    tar.add("good_1.pb", Data("good".utf8))
    let contents = TarReader.read([UInt8](tar.finished))
    #expect(contents.problems.map(\.code) == [.unsafeMemberPath])
    #expect(contents.problems.first?.member == path)
    #expect(contents.entries.map(\.path) == ["good_1.pb"])
  }

  @Test func rejectsUnsafePaxPath() {
    var tar = TarBuilder()
    tar.addPax(["path": "../../outside_1.pb"])
    tar.add("harmless_1.pb", Data("x".utf8))
    let contents = TarReader.read([UInt8](tar.finished))
    #expect(contents.problems.map(\.code) == [.unsafeMemberPath])
    #expect(contents.entries.isEmpty)
  }

  @Test func reportsBadChecksumAndKeepsEarlierMembers() {
    var tar = TarBuilder()
    tar.add("first_1.pb", Data("1".utf8))
    tar.add("second_1.pb", Data("2".utf8), badChecksum: true)
    let contents = TarReader.read([UInt8](tar.finished))
    #expect(contents.problems.map(\.code) == [.tarCorrupt])
    #expect(contents.entries.map(\.path) == ["first_1.pb"])
  }

  @Test func reportsMemberDataCutShort() {
    var tar = TarBuilder()
    tar.add("big_1.pb", Data(count: 10), declaredSize: 5000)
    let contents = TarReader.read(tar.bytes)
    #expect(contents.problems.map(\.code) == [.tarTruncated])
    #expect(contents.problems.first?.member == "big_1.pb")
  }

  @Test func reportsHeaderCutShort() {
    var tar = TarBuilder()
    tar.add("first_1.pb", Data("1".utf8))
    let contents = TarReader.read(tar.bytes + [UInt8](repeating: 0x41, count: 100))
    #expect(contents.problems.map(\.code) == [.tarTruncated])
    #expect(contents.entries.count == 1)
  }

  @Test func reportsMalformedPaxRecords() {
    var tar = TarBuilder()
    tar.add("PaxHeader", Data("99 path=x\n".utf8), type: "x")
    tar.add("file_1.pb", Data("x".utf8))
    let contents = TarReader.read([UInt8](tar.finished))
    #expect(contents.problems.map(\.code) == [.tarCorrupt])
  }

  @Test func readsBase256Sizes() {
    var field = [UInt8](repeating: 0, count: 12)
    field[0] = 0x80
    field[10] = 0x01
    field[11] = 0x02
    #expect(TarHeader.number(field[...]) == 258)
    #expect(TarHeader.octal(Array("0000644 \0".utf8)[...]) == 0o644)
    #expect(TarHeader.octal(Array("12x4".utf8)[...]) == nil)
  }

  @Test func ignoresLinksButKeepsDirectories() {
    var tar = TarBuilder()
    tar.add("dir", type: "5")
    tar.add("dir/link_1.pb", type: "2")
    let contents = TarReader.read([UInt8](tar.finished))
    #expect(contents.problems.isEmpty)
    #expect(contents.entries.map(\.kind) == [.directory, .other(UInt8(ascii: "2"))])
  }
}
