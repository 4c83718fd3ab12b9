import Testing

@testable import VanePlugins

@Suite struct BubblewrapCommandTests {
  let command = ["pyflyte-execute", "--inputs", "x"]

  /// The index of `flag` followed by `values` in `arguments`, failing the test when absent.
  func position(_ arguments: [String], _ flag: String, _ values: String...) -> Int {
    let needle = [flag] + values
    for start in 0...(arguments.count - needle.count) where Array(arguments[start..<start + needle.count]) == needle {
      return start
    }
    Issue.record("\(needle) not in \(arguments)")
    return -1
  }

  @Test func readOnlySystemPrivateTmpAndTheCommandLast() {
    let policy = SandboxPolicy(workDirectory: "/data/work/a1")
    let arguments = BubblewrapCommand.arguments(command, policy: policy, bubblewrap: "/usr/bin/bwrap", limiter: "/p")
    #expect(arguments.first == "/usr/bin/bwrap")
    #expect(arguments.contains("--die-with-parent"))
    #expect(arguments.contains("--unshare-all"))
    #expect(!arguments.contains("--new-session"), "abort signals the wrapper's process group, bwrap must stay in it")
    #expect(position(arguments, "--ro-bind", "/", "/") < position(arguments, "--tmpfs", "/tmp"))
    #expect(position(arguments, "--bind", "/data/work/a1", "/data/work/a1") > 0)
    #expect(position(arguments, "--chdir", "/data/work/a1") > 0)
    #expect(Array(arguments.suffix(command.count + 1)) == ["--"] + command)
    #expect(!arguments.contains("/p"), "no limiter without a memory limit")
  }

  @Test func networkIsSharedOnlyWhenAllowed() {
    var policy = SandboxPolicy(workDirectory: "/w")
    #expect(BubblewrapCommand.arguments(command, policy: policy, bubblewrap: "b", limiter: "p").contains("--share-net"))
    policy.network = false
    let closed = BubblewrapCommand.arguments(command, policy: policy, bubblewrap: "b", limiter: "p")
    #expect(!closed.contains("--share-net"))
    #expect(closed.contains("--unshare-all"))
  }

  @Test func uidGidAndMemoryLimit() {
    var policy = SandboxPolicy(workDirectory: "/w")
    policy.uid = 1234
    policy.gid = 99
    policy.memoryLimitBytes = 300 << 20
    let arguments = BubblewrapCommand.arguments(command, policy: policy, bubblewrap: "/b/bwrap", limiter: "/b/prlimit")
    #expect(Array(arguments.prefix(4)) == ["/b/prlimit", "--as=\(300 << 20)", "--", "/b/bwrap"])
    #expect(position(arguments, "--uid", "1234") > 0)
    #expect(position(arguments, "--gid", "99") > 0)
  }

  @Test func hiddenBeforeAllowedAndParentsBeforeChildren() {
    var policy = SandboxPolicy(workDirectory: "/data/work/a1")
    policy.hidden = ["/data/", "/root"]
    policy.writable = ["/data/metadata/p-d-e1", "/data/raw/ab/a1"]
    policy.readOnly = ["/data/metadata/p-d-e1/n0/data/in.csv", "/venv", "/data/raw/cd/up/file", "/venv/"]
    let arguments = BubblewrapCommand.arguments(command, policy: policy, bubblewrap: "b", limiter: "p")
    let hidden = position(arguments, "--tmpfs", "/data")
    #expect(position(arguments, "--tmpfs", "/root") > 0)
    let execution = position(arguments, "--bind", "/data/metadata/p-d-e1", "/data/metadata/p-d-e1")
    let input = position(
      arguments, "--ro-bind", "/data/metadata/p-d-e1/n0/data/in.csv", "/data/metadata/p-d-e1/n0/data/in.csv")
    let upstream = position(arguments, "--ro-bind", "/data/raw/cd/up/file", "/data/raw/cd/up/file")
    #expect(hidden < execution && hidden < upstream)
    #expect(execution < input, "a parent mounted after its child would cover it")
    #expect(position(arguments, "--bind", "/data/raw/ab/a1", "/data/raw/ab/a1") > hidden)
    #expect(arguments.filter { $0 == "/venv" }.count == 2, "one mount of /venv, its trailing slash dropped")
  }

  @Test func aPathBothReadableAndWritableIsWritable() {
    var policy = SandboxPolicy(workDirectory: "/w")
    policy.readOnly = ["/shared"]
    policy.writable = ["/shared/"]
    let arguments = BubblewrapCommand.arguments(command, policy: policy, bubblewrap: "b", limiter: "p")
    #expect(position(arguments, "--bind", "/shared", "/shared") > 0)
    #expect(arguments.filter { $0 == "/shared" }.count == 2, "mounted once")
  }
}
