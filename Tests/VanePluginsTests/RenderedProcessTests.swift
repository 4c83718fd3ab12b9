import FlyteIDL
import Foundation
import Testing
import VaneData
import VaneEngine
import VaneTesting

@testable import VanePlugins

@Suite struct RenderedProcessTests {
  @Test func inputsAndTaskTemplateReachARawContainer() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let wake = WakeSignal()
    var task = shellTask(#"printf '%s|%s|%s' "$0" "$1" "$2" > out.txt"#)
    task.container.args += ["{{ .Inputs.count }}", "{{.Inputs.ratio}}", "{{.taskTemplatePath}}"]
    let context = sandbox.context(task: task, wake: wake)
    var inputs = Flyteidl_Core_LiteralMap()
    var count = Flyteidl_Core_Literal()
    count.scalar.primitive.integer = 12
    var ratio = Flyteidl_Core_Literal()
    ratio.scalar.primitive.floatValue = 0.5
    inputs.literals = ["count": count, "ratio": ratio]
    try await sandbox.store.writeMessage(inputs, to: context.paths.inputs)
    let plugin = sandbox.plugin()
    let (transition, _) = try await runToEnd(plugin, context, wake: wake)
    #expect(transition.phase == .success)
    let text = try String(
      contentsOfFile: plugin.workDirectory(forUniqueID: context.uniqueID) + "/out.txt", encoding: .utf8)
    #expect(text == "12|0.5|\(context.paths.taskTemplate.afterScheme)", "a plain path, not a file:// URI")
    let written = try await sandbox.store.readMessage(Flyteidl_Core_TaskTemplate.self, from: context.paths.taskTemplate)
    #expect(written == task)
  }

  @Test func aMissingInputFailsBeforeAnythingStarts() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    var task = shellTask("true")
    task.container.args.append("{{.Inputs.absent}}")
    let plugin = sandbox.plugin()
    let context = sandbox.context(task: task, wake: WakeSignal())
    let transition = await plugin.handle(context)
    guard case .permanentFailure(let error) = transition.phase else {
      Issue.record("expected a permanent failure, got \(transition.phase)")
      return
    }
    #expect(error.code == "LocalInvalidTemplate")
    #expect(!FileManager.default.fileExists(atPath: plugin.workDirectory(forUniqueID: context.uniqueID) + "/launch"))
  }
}
