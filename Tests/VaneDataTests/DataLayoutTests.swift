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
    let raw = layout.rawOutput(executionName: "abc", nodeUniqueID: "n0", attempt: 0)
    #expect(raw.uniqueID == "abc-n0-0")
    // Shard: FNV-1a 32 of the unique id modulo 36², computed independently in Python.
    #expect(raw.prefix.rawValue == "file:///var/vane/raw/yz/abc-n0-0")
    #expect(raw.checkpointPrefix.rawValue == "file:///var/vane/raw/yz/abc-n0-0/_flytecheckpoints")
    #expect(layout.previousCheckpointPrefix(executionName: "abc", nodeUniqueID: "n0", attempt: 0) == nil)
    #expect(
      layout.previousCheckpointPrefix(executionName: "abc", nodeUniqueID: "n0", attempt: 1)
        == raw.checkpointPrefix)
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
