import FlyteIDL
import VaneCompiler
import VaneTesting

@testable import VaneEngine

/// One-node workflows for the handler tests, compiled with the real compiler.
enum OneNode {
  /// `wf(x) -> o0 = <task>(x)` as node `n0`.
  static func task(
    _ template: Flyteidl_Core_TaskTemplate = G.task("square", inputs: ["x"]),
    adjust: (inout Flyteidl_Core_Node) -> Void = { _ in }
  ) throws -> Flyteidl_Core_CompiledWorkflowClosure {
    var node = G.taskNode("n0", template.id.name, [G.bind("x", G.input("x"))])
    adjust(&node)
    let workflow = G.workflow(
      "wf", inputs: ["x"], outputs: template.interface.outputs.variables.isEmpty ? [] : ["o0"], nodes: [node],
      bindings: template.interface.outputs.variables.isEmpty ? [] : [G.bind("o0", G.promise("n0", "o0"))])
    return try WorkflowCompiler(catalog: EntityCatalog(tasks: [template])).compile(workflow, subWorkflows: [])
  }
}
