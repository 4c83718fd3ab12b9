import Foundation
import Testing
import VaneModel
import VaneTesting

@testable import VanePlugins

/// Frames, replies and requests of the fork protocol, and how commands and environments map to
/// fork servers.
@Suite struct ForkProtocolTests {
  func frame(_ text: String) -> [UInt8] { [UInt8](ForkProtocol.frame(Data(text.utf8))) }

  @Test func framesArriveInPiecesAndTogether() throws {
    var decoder = ForkFrameDecoder(maximum: 100)
    let bytes = frame(#"{"a":1}"#) + frame("{}")
    decoder.append(bytes[0..<3])
    #expect(try decoder.next() == nil)
    decoder.append(bytes[3..<9])
    #expect(try decoder.next() == nil)
    decoder.append(bytes[9...])
    #expect(try decoder.next().map { Array($0) } == Array(#"{"a":1}"#.utf8))
    #expect(try decoder.next().map { Array($0) } == Array("{}".utf8))
    #expect(try decoder.next() == nil)
    #expect(decoder.pendingByteCount == 0)
  }

  @Test func anOversizedFrameIsRefusedBeforeItIsBuffered() {
    var decoder = ForkFrameDecoder(maximum: 16)
    decoder.append([0, 0, 0, 17])
    #expect(throws: ForkProtocolError("a frame of 17 bytes is over the limit of 16")) { try decoder.next() }
    var huge = ForkFrameDecoder(maximum: ForkProtocol.maximumReplyBytes)
    huge.append([0xff, 0xff, 0xff, 0xff])
    #expect(throws: ForkProtocolError.self) { try huge.next() }
  }

  @Test(arguments: [
    (
      #"{"type":"hello","protocol":1,"pid":7,"flytekit":"1.16.1","python":"3.11.7","bundle":true}"#,
      ForkReply.hello(.init(protocolVersion: 1, pid: 7, flytekit: "1.16.1", python: "3.11.7", bundle: true))
    ),
    (#"{"type":"forked","id":"e-n0-0","pid":99}"#, .forked(id: "e-n0-0", pid: 99)),
    (#"{"type":"refused","id":"x","reason":"bad","spent":true}"#, .refused(id: "x", reason: "bad", spent: true)),
    (#"{"type":"exited","id":"x","pid":99,"status":256}"#, .exited(id: "x", pid: 99, status: 256)),
    (#"{"type":"fatal","reason":"no flytekit"}"#, .fatal(reason: "no flytekit")),
  ])
  func repliesDecode(json: String, reply: ForkReply) throws {
    #expect(try ForkReply(payload: Array(json.utf8)) == reply)
  }

  @Test(arguments: [
    ("[1,2]", "a reply is not a JSON message"),
    (#"{"type":"forked","id":"x"}"#, "a 'forked' reply lacks 'pid'"),
    (#"{"type":"forked","id":"x","pid":1}"#, "a 'forked' reply names pid 1"),
    (#"{"type":"exited","id":"x","pid":5}"#, "a 'exited' reply lacks 'status'"),
    (#"{"type":"hello","pid":5}"#, "a 'hello' reply lacks 'protocol'"),
    (#"{"type":"launch"}"#, "unknown reply type 'launch'"),
  ])
  func badRepliesAreProtocolErrors(json: String, problem: String) {
    #expect {
      try ForkReply(payload: Array(json.utf8))
    } throws: { error in
      (error as? ForkProtocolError)?.message.hasPrefix(problem) == true
    }
  }

  @Test func requestsEncodeAsTheServerReadsThemAndAreBounded() throws {
    let request = ForkRequest(
      id: "e-n0-0", argv: ["pyflyte-execute", "--inputs", "/d/in.pb"], env: ["A": "1"], cwd: "/w", stdout: "/w/o",
      stderr: "/w/e", imports: ["showcase.basics"], limits: [.init(name: "RLIMIT_NOFILE", soft: 1024, hard: -1)])
    let frame = try #require(request.frame())
    let object = try #require(try JSONSerialization.jsonObject(with: frame.dropFirst(4)) as? [String: Any])
    #expect(object["type"] as? String == "fork")
    #expect(object["argv"] as? [String] == ["pyflyte-execute", "--inputs", "/d/in.pb"])
    #expect(object["env"] as? [String: String] == ["A": "1"])
    #expect((object["limits"] as? [[Any]])?.first?.first as? String == "RLIMIT_NOFILE")
    var huge = request
    huge.env["BIG"] = String(repeating: "x", count: ForkProtocol.maximumRequestBytes)
    #expect(huge.frame() == nil)
  }

  @Test func theEngineSendsItsOwnLimits() {
    let limits = ForkRequest.engineLimits()
    #expect(limits.contains { $0.name == "RLIMIT_NOFILE" && $0.soft > 0 })
  }

  @Test func flytekitCommandsAreRecognised() throws {
    let fast = try #require(
      WarmCommand([
        "pyflyte-fast-execute", "--additional-distribution", "/d/fast1.tar.gz", "--dest-dir", "/w", "--",
        "pyflyte-map-execute", "--inputs", "i", "--resolver",
        "flytekit.core.array_node_map_task.ArrayNodeMapTaskResolver",
        "--", "vars", "x", "resolver", "flytekit.core.python_auto_container.default_task_resolver", "task-module",
        "showcase.maps", "task-name", "power",
      ]))
    #expect(fast.archive == "/d/fast1.tar.gz")
    #expect(fast.programs.map(\.argument) == ["pyflyte-fast-execute", "pyflyte-map-execute"])
    #expect(fast.programs.map(\.program.function) == ["fast_execute_task_cmd", "map_execute_task_cmd"])
    #expect(fast.imports == ["flytekit.core.array_node_map_task", "showcase.maps"])
    let plain = try #require(
      WarmCommand([
        "/venv/bin/pyflyte-execute", "--resolver=r.m.R", "--", "task-module", "a.b; import os", "task-module", "c_1.d",
      ]))
    #expect(plain.archive == nil)
    #expect(plain.imports == ["r.m", "c_1.d"])
  }

  @Test(arguments: [
    ["python", "-c", "print(1)"], ["pyflyte-fast-execute", "pyflyte-execute"], ["pyflyte-fast-execute", "--", "sh"],
    ["sh", "-c", "pyflyte-execute"], [],
  ])
  func otherCommandsStartCold(argv: [String]) {
    #expect(WarmCommand(argv) == nil)
  }

  @Test(arguments: [
    ("#!/venv/bin/python\nimport sys\n", ["/venv/bin/python"]),
    ("#!/usr/bin/python3 -sE\n", ["/usr/bin/python3", "-sE"]),
    ("#!/usr/bin/env python3.11\n", ["/usr/bin/env", "python3.11"]),
    ("#!/bin/sh\n'''exec' \"/very/long/venv/bin/python\" \"$0\" \"$@\"\n' '''\n", ["/very/long/venv/bin/python"]),
  ])
  func interpretersComeFromTheScript(text: String, interpreter: [String]) {
    #expect(PythonEntrypoint.interpreter(of: text) == interpreter)
  }

  @Test(arguments: ["#!python\n", "import sys\n", "#!/bin/sh\necho hi\n", "#!/usr/bin/env node\n", ""])
  func scriptsWithoutAnAbsoluteInterpreterStartCold(text: String) {
    #expect(PythonEntrypoint.interpreter(of: text) == nil)
  }

  @Test func onlyFlytekitConsoleScriptsAreEntrypoints() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let script = directory.path + "/pyflyte-execute"
    let text = "#!/venv/bin/python\nimport sys\nfrom flytekit.bin.entrypoint import execute_task_cmd\n"
    try Data(text.utf8).write(to: URL(fileURLWithPath: script))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
    #expect(PythonEntrypoint.find("pyflyte-execute", path: "/nonexistent:" + directory.path) == script)
    #expect(PythonEntrypoint(path: script, function: "execute_task_cmd")?.interpreter == ["/venv/bin/python"])
    #expect(PythonEntrypoint(path: script, function: "fast_execute_task_cmd") == nil)
    #expect(PythonEntrypoint.find("pyflyte-execute", path: "/nonexistent") == nil)
  }

  @Test func serversAreSharedAcrossAttemptsAndNotAcrossBundles() {
    let base = ["PATH": "/venv/bin:/usr/bin", "PYTHONUNBUFFERED": "1"]
    let first = base.merging([
      "FLYTE_INTERNAL_EXECUTION_ID": "e1", "FLYTE_ATTEMPT_NUMBER": "0", "TMPDIR": "/w/e1/tmp", "_F_SS_C": "abc",
      "ITEM": "3",
    ]) { $1 }
    let second = base.merging(["FLYTE_INTERNAL_EXECUTION_ID": "e2", "FLYTE_ATTEMPT_NUMBER": "1", "TMPDIR": "/w/e2/tmp"])
    {
      $1
    }
    let a = WarmServerSpec(
      interpreter: ["/venv/bin/python"], archive: "/c/1.tgz", environment: first, attemptOnly: ["ITEM"])
    let b = WarmServerSpec(interpreter: ["/venv/bin/python"], archive: "/c/1.tgz", environment: second, attemptOnly: [])
    #expect(a == b)
    #expect(a.environment == base)
    #expect(a.digest == b.digest && a.digest.count == 16)
    let otherBundle = WarmServerSpec(
      interpreter: ["/venv/bin/python"], archive: "/c/2.tgz", environment: first, attemptOnly: [])
    let otherEnvironment = WarmServerSpec(
      interpreter: ["/venv/bin/python"], archive: "/c/1.tgz", environment: base.merging(["X": "1"]) { $1 },
      attemptOnly: [])
    #expect(otherBundle != a && otherBundle.digest != a.digest)
    #expect(otherEnvironment != a)
  }

  @Test func coldImagesMatchLikeImages() {
    let settings = LocalProcessPlugin.WarmStartConfiguration(coldImages: ["ghcr.io/acme/train"])
    #expect(!settings.allows(image: "ghcr.io/acme/train:v2"))
    #expect(settings.allows(image: "python:3.11"))
    #expect(!LocalProcessPlugin.WarmStartConfiguration(coldImages: ["*"]).allows(image: "python:3.11"))
    #expect(!LocalProcessPlugin.WarmStartConfiguration(enabled: false).allows(image: "python:3.11"))
  }
}
