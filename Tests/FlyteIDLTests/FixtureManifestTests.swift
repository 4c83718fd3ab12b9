import FlyteIDL
import Foundation
import Testing

@Suite("fixture manifest")
struct FixtureManifestTests {
  @Test func manifestLoads() throws {
    let entries = try FixtureManifest.load()
    #expect(entries.count >= 30, "only \(entries.count) fixtures in the manifest")
    #expect(entries.count == FixtureManifest.entries.count)
  }

  @Test func everyTypeIsRegistered() throws {
    for entry in try FixtureManifest.load() {
      #expect(FlyteMessageRegistry.types[entry.type] != nil, "\(entry.file): \(entry.type) is not registered")
    }
  }

  @Test func everyFileExists() throws {
    for entry in try FixtureManifest.load() {
      for name in [entry.file, entry.json] {
        let path = FixtureManifest.directory.appendingPathComponent(name).path
        #expect(FileManager.default.fileExists(atPath: path), "\(name) is listed but missing")
      }
    }
  }

  @Test func manifestCoversRequiredKinds() throws {
    let covered = Set(try FixtureManifest.load().flatMap(\.kinds))
    let missing = FixtureManifest.requiredKinds.filter { !covered.contains($0) }
    #expect(missing.isEmpty, "no fixture covers: \(missing.joined(separator: ", "))")
  }

  @Test func unknownFieldsFixtureIsMarked() throws {
    let marked = try FixtureManifest.load().filter(\.unknownFields)
    #expect(!marked.isEmpty)
    #expect(marked.allSatisfy { $0.kinds.contains("unknown_fields") })
  }
}
