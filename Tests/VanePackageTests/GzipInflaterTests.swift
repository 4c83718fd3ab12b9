import Foundation
import Testing

@testable import VanePackage

@Suite struct GzipInflaterTests {
  let text = Data(String(repeating: "vane reads flytekit packages\n", count: 500).utf8)

  @Test func inflatesWhatGzipWrites() throws {
    let compressed = try TestSupport.gzip(text)
    #expect(GzipInflater.hasGzipMagic(compressed))
    #expect(try GzipInflater.inflate(compressed, limit: 1 << 20) == text)
  }

  @Test func inflatesConcatenatedMembers() throws {
    let first = try TestSupport.gzip(Data("first,".utf8))
    let second = try TestSupport.gzip(Data("second".utf8))
    #expect(try GzipInflater.inflate(first + second, limit: 1 << 20) == Data("first,second".utf8))
  }

  @Test func ignoresZeroPaddingAfterTheLastMember() throws {
    let padded = try TestSupport.gzip(text) + Data(count: 100)
    #expect(try GzipInflater.inflate(padded, limit: 1 << 20) == text)
  }

  @Test func rejectsTrailingGarbage() throws {
    let compressed = try TestSupport.gzip(text) + Data("garbage".utf8)
    let problem = #expect(throws: ArchiveProblem.self) { try GzipInflater.inflate(compressed, limit: 1 << 20) }
    #expect(problem?.code == .gzipCorrupt)
  }

  @Test(arguments: [1, 10, 30])
  func reportsTruncation(keptBytes: Int) throws {
    let compressed = try TestSupport.gzip(text)
    let problem = #expect(throws: ArchiveProblem.self) {
      try GzipInflater.inflate(compressed.prefix(keptBytes), limit: 1 << 20)
    }
    #expect(problem?.code == .gzipTruncated)
  }

  @Test func reportsCorruptData() throws {
    var compressed = try TestSupport.gzip(text)
    let middle = compressed.startIndex + compressed.count / 2
    compressed[middle] ^= 0xff
    compressed[middle + 1] ^= 0x55
    let problem = #expect(throws: ArchiveProblem.self) { try GzipInflater.inflate(compressed, limit: 1 << 20) }
    #expect(problem?.code == .gzipCorrupt)
  }

  @Test func stopsAtTheSizeLimit() throws {
    let compressed = try TestSupport.gzip(text)
    let problem = #expect(throws: ArchiveProblem.self) { try GzipInflater.inflate(compressed, limit: 100) }
    #expect(problem?.code == .tooLarge)
  }
}
