import FlyteIDL
import Testing
import VaneData

@Suite struct DataLayoutTests {
  let layout = DataLayout(dataDirectory: DataURI(filePath: "/var/vane"))

  @Test func topLevelNodePaths() {
    let execution = layout.executionDirectory(project: "flytesnacks", domain: "development", name: "abc123")
    #expect(execution.rawValue == "file:///var/vane/metadata/flytesnacks-development-abc123")
    let node = layout.topLevelNode("n0", attempt: 1, executionDirectory: execution)
    #expect(node.dataDirectory.rawValue == execution.rawValue + "/n0/data")
    #expect(node.outputDirectory.rawValue == execution.rawValue + "/n0/data/1")
    #expect(node.inputs.rawValue == execution.rawValue + "/n0/data/inputs.pb")
    #expect(node.taskTemplate.rawValue == execution.rawValue + "/n0/data/task.pb")
    #expect(node.outputs.rawValue == execution.rawValue + "/n0/data/1/outputs.pb")
    #expect(node.error.rawValue == execution.rawValue + "/n0/data/1/error.pb")
    #expect(node.futures.rawValue == execution.rawValue + "/n0/data/1/futures.pb")
    #expect(node.deck.rawValue == execution.rawValue + "/n0/data/1/deck.html")
  }

  @Test func nestedAndArrayNodePaths() {
    let execution = layout.executionDirectory(project: "p", domain: "d", name: "e")
    let parent = layout.topLevelNode("n1", attempt: 0, executionDirectory: execution)
    let child = layout.nestedNode("n1-n0", attempt: 2, parentOutputDirectory: parent.outputDirectory)
    #expect(child.dataDirectory.rawValue == "file:///var/vane/metadata/p-d-e/n1/data/0/n1-n0")
    #expect(child.outputs.rawValue == "file:///var/vane/metadata/p-d-e/n1/data/0/n1-n0/2/outputs.pb")
    let item = layout.arrayItem(3, attempt: 1, parent: parent)
    #expect(item.dataDirectory.rawValue == "file:///var/vane/metadata/p-d-e/n1/data/3/1")
    #expect(item.outputDirectory.rawValue == "file:///var/vane/metadata/p-d-e/n1/data/0/3/1")
  }

  @Test func rawOutputAndCheckpoints() {
    var execution = Flyteidl_Core_WorkflowExecutionIdentifier()
    execution.project = "p"
    execution.domain = "d"
    execution.name = "abc"
    let raw = layout.rawOutput(execution: execution, nodeUniqueID: "n0", attempt: 0)
    // Flyte's readable id, then 32 hex digits of the SHA-256 of the length-prefixed identity
    // ("0:1:p1:d3:abc2:n01:0", computed independently with Python's hashlib).
    #expect(raw.uniqueID == "abc-n0-0-a4eb6c48c37ecef55dee49a2b94bf177")
    let shard = UniqueID.shardPrefix(for: raw.uniqueID)
    #expect(raw.prefix.rawValue == "file:///var/vane/raw/\(shard)/\(raw.uniqueID)")
    #expect(raw.checkpointPrefix.rawValue == raw.prefix.rawValue + "/_flytecheckpoints")
    #expect(layout.previousCheckpointPrefix(execution: execution, nodeUniqueID: "n0", attempt: 0) == nil)
    #expect(
      layout.previousCheckpointPrefix(execution: execution, nodeUniqueID: "n0", attempt: 1)
        == raw.checkpointPrefix)
  }

  /// Issue #9, repro 4: the same execution name in two projects (or domains, or orgs) used to
  /// share attempt ids, and so a work directory whose `exit` file the second one trusted.
  @Test func attemptIDsDifferAcrossProjectsDomainsAndOrgs() {
    func id(_ org: String, _ project: String, _ domain: String) -> String {
      var execution = Flyteidl_Core_WorkflowExecutionIdentifier()
      execution.org = org
      execution.project = project
      execution.domain = domain
      execution.name = "same-name"
      return ExecutionIdentity.attemptID(execution, nodeUniqueID: "n0", attempt: 0)
    }
    let ids = [
      id("", "a", "development"), id("", "b", "development"), id("", "a", "staging"), id("o", "a", "development"),
    ]
    #expect(Set(ids).count == ids.count)
    #expect(ids[0] == id("", "a", "development"), "deterministic: a restarted engine finds its attempts")
    #expect(ids.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") } })
    // Long names: Flyte's 32-bit hash of the readable part no longer decides alone.
    var long = Flyteidl_Core_WorkflowExecutionIdentifier()
    long.project = "p"
    long.domain = "d"
    long.name = String(repeating: "x", count: 60)
    let first = ExecutionIdentity.attemptID(long, nodeUniqueID: "n0", attempt: 0)
    long.name += "y"
    #expect(first != ExecutionIdentity.attemptID(long, nodeUniqueID: "n0", attempt: 0))
  }

  /// Issue #9, repro 5: `<project>-<domain>-<name>` mapped `a/b-c/x` and `a-b/c/x` to one
  /// folder. Flyte's shape is kept where it is unambiguous; otherwise the parts are escaped.
  @Test func executionFoldersAreInjective() {
    #expect(
      ExecutionIdentity.folderName(project: "flytesnacks", domain: "development", name: "abc-def")
        == "flytesnacks-development-abc-def")
    let pairs = [
      (("a", "b-c", "x"), ("a-b", "c", "x")),
      (("a", "b", "c-x"), ("a", "b-c", "x")),
      (("a", "b", "x/y"), ("a", "b", "x%2Fy")),
      (("a", "b", ".."), ("a", "b", "%2E%2E")),
    ]
    for (left, right) in pairs {
      let one = ExecutionIdentity.folderName(project: left.0, domain: left.1, name: left.2)
      let other = ExecutionIdentity.folderName(project: right.0, domain: right.1, name: right.2)
      #expect(one != other, "\(left) and \(right) share \(one)")
      #expect(!one.contains("/") && !other.contains("/"))
    }
    #expect(ExecutionIdentity.folderName(project: "a-b", domain: "c", name: "x") == "a%2Db-c-x")
    #expect(ExecutionIdentity.folderName(org: "o", project: "a", domain: "b", name: "x") == "o~a-b-x")
    let huge = ExecutionIdentity.folderName(project: String(repeating: "p", count: 5000), domain: "d", name: "x")
    #expect(huge.hasPrefix("sha256-") && huge.utf8.count == 71)
  }

  // Expected hashes are FlytePropeller's own test vectors (encoder_test.go) and values computed
  // with an independent Python FNV-1a + base32 implementation.
  @Test(arguments: [
    ("xxxxxxxxxxxxxxxxxxxxxxxx", 20, "fuaa3aji"),
    ("xx", 1, "flfryc2i"),
    ("xxxxxx", 5, "fufiti6i"),
    ("xxxxx", 10, "xxxxx"),
    ("x-y-z-m-n-y-z-m-n-y-z-m-n", 15, "fe63sz6y"),
  ])
  func fixedLengthIDs(text: String, maxLength: Int, expected: String) {
    #expect(UniqueID.fixedLength(text, maxLength: maxLength) == expected)
  }

  @Test func taskExecutionIDsHashWhenLongerThanFifty() {
    let name = "averyveryverylongexecutionname0123456789"
    let short = UniqueID.taskExecution(executionName: name, nodeUniqueID: "n0", attempt: 0)
    #expect(short == name + "-n0-0")
    let long = UniqueID.taskExecution(executionName: name, nodeUniqueID: "mynode-with-a-long-name", attempt: 1)
    #expect(long == "fkimnrky")
    #expect(UniqueID.shardPrefix(for: long) == "zm")
  }

  @Test func nodeUniqueIDs() {
    #expect(UniqueID.node("n0") == "n0")
    #expect(UniqueID.node("x", parentUniqueID: "n0", parentAttempt: 1) == "n0-1-x")
    #expect(UniqueID.node("a_very_long_node_id", parentUniqueID: "n0", parentAttempt: 1) == "f1quxvla")
    #expect(UniqueID.fixedLength(["", "", "n0"], maxLength: 20) == "n0")
  }

  @Test func uriJoining() {
    #expect(DataURI("s3://bucket/").appending("/a/", "", "b").rawValue == "s3://bucket/a/b")
    #expect(DataURI("s3://bucket/a/b.pb").lastComponent == "b.pb")
    #expect(DataURI("s3://bucket/a").scheme == "s3")
    #expect(DataURI("/plain/path").scheme == nil)
    #expect(DataURI("S3://bucket/a").scheme == "s3")
    #expect(DataURI("a+b.c-d://x").scheme == "a+b.c-d")
    #expect(DataURI("1x://y").scheme == nil)
    #expect(DataURI("file:/x").scheme == nil)
    #expect(DataURI("://x").scheme == nil)
    #expect(DataURI("file:///a/b").afterScheme == "/a/b")
    #expect(DataURI("no-scheme").afterScheme == "no-scheme")
  }
}
