import FlyteIDL
import Foundation
import Testing
import VaneEngine
import VanePlugins
import VaneTesting

@testable import VaneRay

/// Routing between the Ray plugin (pointed at a closed port, so it answers "cannot reach") and
/// the echo plugin (which succeeds at once): new attempts follow the placement, started ones
/// stay with the plugin whose state they hold.
@Suite struct RayPlacementPluginTests {
  func router(_ sandbox: Sandbox, placement: RayPlacement) throws -> RayPlacementPlugin {
    let address = try #require(RayAddress("http://127.0.0.1:\(closedPort())"))
    return RayPlacementPlugin(
      ray: sandbox.plugin(address), other: EchoPlugin(dataStore: sandbox.store), placement: placement)
  }

  func wentToRay(_ transition: PluginTransition) -> Bool {
    transition.phase == .waitingForResources && transition.reason.contains("Ray job API")
  }

  @Test func newAttemptsFollowThePlacement() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let task = shellTask("true", type: "python-task")
    let local = try router(sandbox, placement: RayPlacement())
    #expect(await local.handle(sandbox.context(task: task, wake: WakeSignal())).phase == .success)
    let placed = try router(sandbox, placement: RayPlacement(images: ["alpine"]))
    #expect(wentToRay(await placed.handle(sandbox.context(task: task, wake: WakeSignal()))))
    // The Ray task type, the other plugin's and the placed ones ("*" is no type).
    let typed = try router(sandbox, placement: RayPlacement(taskTypes: ["python-task", "*"]))
    #expect(typed.taskTypes == ["ray", "echo", "python-task"])
  }

  @Test func startedAttemptsStayWithTheirPlugin() async throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let task = shellTask("true", type: "python-task")
    let rayState = RayJobState(
      submissionID: "x", address: "http://h:1", firstContact: Date(), submitted: true, lastContact: Date())
    // Placed locally now, but the attempt was started on Ray: it stays there.
    let local = try router(sandbox, placement: RayPlacement())
    let onRay = await local.handle(sandbox.context(task: task, state: rayState.pluginState, wake: WakeSignal()))
    #expect(onRay.phase == .running && onRay.reason.contains("Ray job API"))
    // Placed on Ray now, but the attempt was started by the other plugin.
    let placed = try router(sandbox, placement: RayPlacement(taskTypes: ["*"]))
    let otherState = PluginState(data: Data("{}".utf8), version: 1)
    #expect(await placed.handle(sandbox.context(task: task, state: otherState, wake: WakeSignal())).phase == .success)
  }
}
