import FlyteIDL
import Foundation
import Testing
import VaneEngine
import VaneTesting

@testable import VanePlugins

@Suite struct TaskEnvironmentTests {
  @Test func layersInOrder() throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    var task = shellTask("true", name: "wf.t1", env: ["_F_SS_C": "abc", "SHARED": "container", "FROM_CONTAINER": "1"])
    task.container.image = "python:3.11"
    var context = sandbox.context(task: task, attempt: 2, wake: WakeSignal())
    context.execution.environment = ["SHARED": "execution", "FROM_EXECUTION": "1", "PYTHONUNBUFFERED": "0"]
    context.environment = ["SHARED": "attempt", "FLYTE_K8S_ARRAY_INDEX": "3"]
    let environment = TaskEnvironment(
      inherited: ["PATH": "/usr/bin:/bin", "HOME": "/home/u", "SECRET_TOKEN": "x", "LANG": "C.UTF-8"],
      inheritedVariables: ["PATH", "HOME", "LANG"], platform: ["PYTHONUNBUFFERED": "1"], imageDirectory: "/venv/"
    ).variables(for: context, temporaryDirectory: "/w/tmp")

    #expect(environment["PATH"] == "/venv/bin:/usr/bin:/bin")
    #expect(environment["HOME"] == "/home/u")
    #expect(environment["SECRET_TOKEN"] == nil)
    #expect(environment["TMPDIR"] == "/w/tmp")
    #expect(environment["FLYTE_INTERNAL_EXECUTION_ID"] == "e1")
    #expect(environment["FLYTE_INTERNAL_EXECUTION_PROJECT"] == "p")
    #expect(environment["FLYTE_INTERNAL_EXECUTION_DOMAIN"] == "d")
    #expect(environment["FLYTE_INTERNAL_EXECUTION_WORKFLOW"] == "p:d:wf.main")
    #expect(environment["FLYTE_INTERNAL_TASK_PROJECT"] == "p")
    #expect(environment["FLYTE_INTERNAL_TASK_DOMAIN"] == "d")
    #expect(environment["FLYTE_INTERNAL_TASK_NAME"] == "wf.t1")
    #expect(environment["FLYTE_INTERNAL_TASK_VERSION"] == "v1")
    #expect(environment["FLYTE_ATTEMPT_NUMBER"] == "2")
    #expect(environment["_F_SS_C"] == "abc")
    #expect(environment["FROM_CONTAINER"] == "1")
    #expect(environment["FROM_EXECUTION"] == "1")
    #expect(environment["PYTHONUNBUFFERED"] == "0")
    #expect(environment["SHARED"] == "attempt")
    #expect(environment["FLYTE_K8S_ARRAY_INDEX"] == "3")
  }

  @Test func imageLookup() {
    let configuration = LocalProcessPlugin.Configuration(
      workRoot: "/w", images: ["ghcr.io/org/app:v1": "/exact", "ghcr.io/org/app": "/bare", "python": "/py"])
    #expect(configuration.imageDirectory(for: "ghcr.io/org/app:v1") == "/exact")
    #expect(configuration.imageDirectory(for: "ghcr.io/org/app:v2") == "/bare")
    #expect(configuration.imageDirectory(for: "ghcr.io/org/app@sha256:abc") == "/bare")
    #expect(configuration.imageDirectory(for: "python:3.11") == "/py")
    #expect(configuration.imageDirectory(for: "localhost:5000/other") == nil)
    var withDefault = configuration
    withDefault.images["*"] = "/any"
    #expect(withDefault.imageDirectory(for: "localhost:5000/other") == "/any")
  }

  @Test func theProcessSeesItsEnvironment() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let wake = WakeSignal()
    let task = shellTask(#"env > "$PWD/env.txt"; printf '%s\n' "$0" > args.txt"#, env: ["MINE": "yes"])
    var context = sandbox.context(task: task, wake: wake)
    context.task.container.args += ["{{.perRetryUniqueKey}}"]
    let plugin = LocalProcessPlugin(
      configuration: sandbox.configuration(), dataStore: sandbox.store,
      environment: ["PATH": "/usr/bin:/bin", "HOME": "/nowhere", "ENGINE_ONLY": "1"])
    let (transition, _) = try await runToEnd(plugin, context, wake: wake)
    #expect(transition.phase == .success)
    let directory = plugin.workDirectory(forUniqueID: context.uniqueID)
    let text = try String(contentsOfFile: directory + "/env.txt", encoding: .utf8)
    #expect(text.contains("MINE=yes"))
    #expect(text.contains("FLYTE_INTERNAL_EXECUTION_ID=e1"))
    #expect(text.contains("PATH=\(venv)/bin:/usr/bin:/bin"))
    #expect(!text.contains("ENGINE_ONLY"))
    // Flyte's key of the attempt id: `e1-n0-0-<identity digest>` with `-` as `_`.
    let key = context.uniqueID.replacingOccurrences(of: "-", with: "_")
    #expect(key.hasPrefix("e1_n0_0_"))
    #expect(try String(contentsOfFile: directory + "/args.txt", encoding: .utf8) == key + "\n")
  }
}
