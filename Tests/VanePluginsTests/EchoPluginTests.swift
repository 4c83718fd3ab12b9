import FlyteIDL
import Testing
import VaneData
import VaneEngine
import VaneTesting

@testable import VanePlugins

@Suite struct EchoPluginTests {
  @Test func outputsAreTheInputs() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    var task = Flyteidl_Core_TaskTemplate()
    task.type = "echo"
    let context = sandbox.context(task: task, wake: WakeSignal())
    var inputs = Flyteidl_Core_LiteralMap()
    inputs.literals["x"] = {
      var literal = Flyteidl_Core_Literal()
      literal.scalar.primitive.integer = 7
      return literal
    }()
    try await sandbox.store.writeMessage(inputs, to: context.paths.inputs)
    let plugin = EchoPlugin(dataStore: sandbox.store)
    #expect(plugin.taskTypes == ["echo"])
    let transition = await plugin.handle(context)
    #expect(transition.phase == .success)
    #expect(transition.outputs == inputs)
    #expect(try await sandbox.store.exists(context.paths.outputs) == false, "the engine stores handed-back outputs")
  }

  @Test func noInputsGiveEmptyOutputs() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    let context = sandbox.context(task: Flyteidl_Core_TaskTemplate(), node: "n1", wake: WakeSignal())
    let transition = await EchoPlugin(dataStore: sandbox.store).handle(context)
    #expect(transition.phase == .success)
    #expect(transition.outputs == Flyteidl_Core_LiteralMap())
  }

  @Test func anArrayItemCopiesItsOwnInputsNotTheArrayFile() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    var context = sandbox.context(task: Flyteidl_Core_TaskTemplate(), node: "n2", wake: WakeSignal())
    func int(_ value: Int64) -> Flyteidl_Core_Literal {
      var literal = Flyteidl_Core_Literal()
      literal.scalar.primitive.integer = value
      return literal
    }
    var whole = Flyteidl_Core_LiteralMap()
    whole.literals["x"] = {
      var list = Flyteidl_Core_Literal(); list.collection.literals = [int(1), int(2)]; return list
    }()
    try await sandbox.store.writeMessage(whole, to: context.paths.inputs)
    var item = Flyteidl_Core_LiteralMap()
    item.literals["x"] = int(2)
    context.itemInputs = item
    let transition = await EchoPlugin(dataStore: sandbox.store).handle(context)
    #expect(transition.phase == .success)
    #expect(transition.outputs == item)
  }

  @Test func anUnpairableInterfaceFailsForGood() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.directory.remove() }
    var task = Flyteidl_Core_TaskTemplate()
    task.interface.inputs.variables["a"] = Flyteidl_Core_Variable()
    task.interface.outputs.variables["o0"] = Flyteidl_Core_Variable()
    task.interface.outputs.variables["o1"] = Flyteidl_Core_Variable()
    let context = sandbox.context(task: task, node: "n3", wake: WakeSignal())
    let transition = await EchoPlugin(dataStore: sandbox.store).handle(context)
    guard case .permanentFailure(let error) = transition.phase else {
      Issue.record("expected a permanent failure, got \(transition.phase)")
      return
    }
    #expect(error.code == "EchoInterface" && error.kind == .user)
  }
}
