import FlyteIDL
import Foundation
import SwiftProtobuf

/// Small entity files, built in Swift, for packages made inside tests.
enum SampleEntities {
  static func identifier(_ type: Flyteidl_Core_ResourceType, _ name: String) -> Flyteidl_Core_Identifier {
    var id = Flyteidl_Core_Identifier()
    id.resourceType = type
    id.name = name
    return id
  }

  static func task(_ name: String, args: [String] = ["pyflyte-execute"]) -> Flyteidl_Admin_TaskSpec {
    var spec = Flyteidl_Admin_TaskSpec()
    spec.template.id = identifier(.task, name)
    spec.template.type = "python-task"
    var container = Flyteidl_Core_Container()
    container.image = "python:3.11"
    container.args = args
    spec.template.container = container
    return spec
  }

  static func taskNode(_ nodeID: String, _ taskName: String) -> Flyteidl_Core_Node {
    var node = Flyteidl_Core_Node()
    node.id = nodeID
    var taskNode = Flyteidl_Core_TaskNode()
    taskNode.referenceID = identifier(.task, taskName)
    node.taskNode = taskNode
    return node
  }

  static func workflow(_ name: String, nodes: [Flyteidl_Core_Node]) -> Flyteidl_Admin_WorkflowSpec {
    var spec = Flyteidl_Admin_WorkflowSpec()
    spec.template.id = identifier(.workflow, name)
    spec.template.nodes = nodes
    return spec
  }

  static func launchPlan(_ name: String, workflow: String) -> Flyteidl_Admin_LaunchPlan {
    var plan = Flyteidl_Admin_LaunchPlan()
    plan.id = identifier(.launchPlan, name)
    plan.spec.workflowID = identifier(.workflow, workflow)
    return plan
  }

  static func bytes(_ message: some SwiftProtobuf.Message) throws -> Data {
    try message.serializedBytes()
  }

  /// A task file, a workflow file and a launch plan file for `app.wf`.
  static func minimalFiles() throws -> [String: Data] {
    [
      "0_app.add_1.pb": try bytes(task("app.add")),
      "1_app.wf_2.pb": try bytes(workflow("app.wf", nodes: [taskNode("n0", "app.add")])),
      "2_app.wf_3.pb": try bytes(launchPlan("app.wf", workflow: "app.wf")),
    ]
  }
}
