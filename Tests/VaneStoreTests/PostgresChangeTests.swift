import Foundation
import Testing
import VaneStore

@testable import VaneStorePostgres

/// The notification payload alone: every key survives the round trip, and a payload this code
/// did not write is refused rather than misread.
@Suite struct PostgresChangeTests {
  @Test(arguments: [
    ResourceKey(project: "flytesnacks", domain: "development", name: "abc"),
    ResourceKey(project: "with space", domain: "col:on", name: "3:abc"),
    ResourceKey(project: "ünï", domain: "日本", name: "🙂 x"),
  ])
  func changesRoundTrip(_ key: ResourceKey) {
    for kind in [ResourceEvent.Kind.created, .updated, .deleted] {
      let change = PostgresChange.change(ResourceEvent(kind, key: key, version: 9_000_000_000))
      #expect(PostgresChange(payload: change.payload) == change)
    }
    #expect(PostgresChange(payload: PostgresChange.flushed(token: "t-1").payload) == .flushed(token: "t-1"))
  }

  @Test(arguments: [
    "", "u", "x 1 1:a1:b1:c", "u x 1:a1:b1:c", "u 1 1:a1:b", "u 1 2:a1:b1:c", "u 1 1:a1:b1:cc", "u 1 -1:a1:b1:c",
    "u 1 9999999999999999999999:a",
  ])
  func foreignPayloadsAreRefused(_ payload: String) {
    #expect(PostgresChange(payload: payload) == nil)
  }
}
