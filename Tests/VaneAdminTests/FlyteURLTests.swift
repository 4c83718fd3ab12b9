import FlyteIDL
import Testing
import VaneAdmin

@Suite struct FlyteURLTests {
  @Test func parsesEveryFormFlyteAdminParses() throws {
    let node = try #require(FlyteURL(parsing: "flyte://v1/p/d/e1/n0/o"))
    #expect(node == FlyteURL(project: "p", domain: "d", execution: "e1", node: "n0", artifact: .outputs))
    let attempt = try #require(FlyteURL(parsing: "flyte://v1/p/d/e1/n0/2/i"))
    #expect(attempt.attempt == 2 && attempt.artifact == .inputs && attempt.literalName == nil)
    let named = try #require(FlyteURL(parsing: "flyte://v1/p/d/e1/n0/o/o0"))
    #expect(named.attempt == nil && named.artifact == .outputs && named.literalName == "o0")
    let both = try #require(FlyteURL(parsing: "flyte://v1/p/d/e1/n0/1/i/a_b"))
    #expect(both.attempt == 1 && both.literalName == "a_b")
    #expect(FlyteURL(parsing: "flyte://v1/p/d/e1/n0/d")?.artifact == .deck)
    // The attempt form first, as FlyteAdmin's expressions: `0/o` is attempt 0's outputs.
    #expect(FlyteURL(parsing: "flyte://v1/p/d/e1/n0/0/o")?.attempt == 0)
  }

  @Test func refusesWhatIsNotADataURL() {
    for text in [
      "", "flyte://v1/p/d/e1/n0", "flyte://v2/p/d/e1/n0/o", "s3://b/k", "flyte://v1/p/d/e1/n0/x",
      "flyte://v1/p/d/e1/n0/d/name", "flyte://v1/p/d/e1/n0/1/d/name", "flyte://v1/p/d/e 1/n0/o",
      "flyte://v1/p/d/e1/n0/o/", "flyte://v1/p/d/e1/n0/+1/o", "flyte://v1/p/d/e1/n0/1/2/o",
      "flyte://v1/p/../e1/n0/o", "flyte://v1/" + String(repeating: "a", count: 2_000) + "/d/e/n/o",
    ] {
      #expect(FlyteURL(parsing: text) == nil, "\(text.prefix(60))")
    }
  }

  @Test func textRoundTripsAndUrlsNameEveryArtifact() throws {
    for text in ["flyte://v1/p/d/e1/n0/o", "flyte://v1/p/d/e1/n0/3/i", "flyte://v1/p/d/e1/n0-0-n1/i/x"] {
      #expect(FlyteURL(parsing: text)?.text == text)
    }
    var id = Flyteidl_Core_NodeExecutionIdentifier()
    id.executionID.project = "p"
    id.executionID.domain = "d"
    id.executionID.name = "e1"
    id.nodeID = "n0"
    let urls = FlyteURL.urls(node: id, deck: true)
    #expect(urls.inputs == "flyte://v1/p/d/e1/n0/i")
    #expect(urls.outputs == "flyte://v1/p/d/e1/n0/o")
    #expect(urls.deck == "flyte://v1/p/d/e1/n0/d")
    #expect(FlyteURL.urls(node: id, deck: false).deck.isEmpty)
    var task = Flyteidl_Core_TaskExecutionIdentifier()
    task.nodeExecutionID = id
    task.retryAttempt = 1
    #expect(FlyteURL.urls(task: task).outputs == "flyte://v1/p/d/e1/n0/1/o")
  }
}
