import FlyteIDL
import VaneCompiler
import VaneEngine
import VaneModel
import VaneTesting

/// Small builders for hand-made workflows, dynamic job specs and launch plans (dynamic and
/// launch-plan tests), compiled with the real compiler. Ids live in project `proj`, domain
/// `dev`, version `v1`, like the harness's executions.
enum G {
  static let int: Flyteidl_Core_LiteralType = {
    var type = Flyteidl_Core_LiteralType()
    type.simple = .integer
    return type
  }()

  static func id(_ name: String, _ type: Flyteidl_Core_ResourceType) -> Flyteidl_Core_Identifier {
    var id = Flyteidl_Core_Identifier()
    id.resourceType = type
    id.project = "proj"
    id.domain = "dev"
    id.name = name
    id.version = "v1"
    return id
  }

  static func variables(_ names: [String]) -> Flyteidl_Core_VariableMap {
    var map = Flyteidl_Core_VariableMap()
    for name in names {
      var variable = Flyteidl_Core_Variable()
      variable.type = int
      map.variables[name] = variable
    }
    return map
  }

  static func interface(inputs: [String], outputs: [String]) -> Flyteidl_Core_TypedInterface {
    var typed = Flyteidl_Core_TypedInterface()
    typed.inputs = variables(inputs)
    typed.outputs = variables(outputs)
    return typed
  }

  /// A `python-task` with integer inputs and outputs.
  static func task(_ name: String, inputs: [String], outputs: [String] = ["o0"]) -> Flyteidl_Core_TaskTemplate {
    var template = Flyteidl_Core_TaskTemplate()
    template.id = id(name, .task)
    template.type = "python-task"
    template.interface = interface(inputs: inputs, outputs: outputs)
    var container = Flyteidl_Core_Container()
    container.image = "python:3.11"
    template.container = container
    return template
  }

  static func promise(_ node: String, _ output: String) -> Flyteidl_Core_BindingData {
    var data = Flyteidl_Core_BindingData()
    data.promise.nodeID = node
    data.promise.var = output
    return data
  }

  static func input(_ name: String) -> Flyteidl_Core_BindingData { promise(WorkflowGraph.startNode, name) }

  static func literal(_ value: Int64) -> Flyteidl_Core_BindingData {
    var data = Flyteidl_Core_BindingData()
    data.scalar.primitive.integer = value
    return data
  }

  static func bind(_ name: String, _ data: Flyteidl_Core_BindingData) -> Flyteidl_Core_Binding {
    var binding = Flyteidl_Core_Binding()
    binding.var = name
    binding.binding = data
    return binding
  }

  static func taskNode(_ nodeID: String, _ taskName: String, _ inputs: [Flyteidl_Core_Binding]) -> Flyteidl_Core_Node {
    var node = Flyteidl_Core_Node()
    node.id = nodeID
    node.metadata.name = taskName
    node.inputs = inputs
    node.taskNode.referenceID = id(taskName, .task)
    return node
  }

  static func launchPlanNode(
    _ nodeID: String, _ planName: String, _ inputs: [Flyteidl_Core_Binding]
  ) -> Flyteidl_Core_Node {
    var node = Flyteidl_Core_Node()
    node.id = nodeID
    node.metadata.name = planName
    node.inputs = inputs
    node.workflowNode.launchplanRef = id(planName, .launchPlan)
    return node
  }

  static func workflow(
    _ name: String, inputs: [String], outputs: [String], nodes: [Flyteidl_Core_Node], bindings: [Flyteidl_Core_Binding]
  ) -> Flyteidl_Core_WorkflowTemplate {
    var template = Flyteidl_Core_WorkflowTemplate()
    template.id = id(name, .workflow)
    template.interface = interface(inputs: inputs, outputs: outputs)
    template.nodes = nodes
    template.outputs = bindings
    return template
  }

  static func job(
    tasks: [Flyteidl_Core_TaskTemplate], nodes: [Flyteidl_Core_Node], outputs: [Flyteidl_Core_Binding]
  ) -> Flyteidl_Core_DynamicJobSpec {
    var job = Flyteidl_Core_DynamicJobSpec()
    job.tasks = tasks
    job.nodes = nodes
    job.outputs = outputs
    job.minSuccesses = Int64(nodes.count)
    return job
  }

  /// A launch plan of `workflow` with integer fixed and default inputs.
  static func launchPlan(
    _ name: String, workflow: Flyteidl_Core_WorkflowTemplate, fixed: [String: Int64] = [:],
    defaults: [String: Int64] = [:]
  ) -> Flyteidl_Admin_LaunchPlan {
    var plan = Flyteidl_Admin_LaunchPlan()
    plan.id = id(name, .launchPlan)
    plan.spec.workflowID = workflow.id
    for (input, value) in fixed { plan.spec.fixedInputs.literals[input] = .int(value) }
    for (input, value) in defaults {
      var parameter = Flyteidl_Core_Parameter()
      parameter.var.type = int
      parameter.default = .int(value)
      plan.spec.defaultInputs.parameters[input] = parameter
    }
    return plan
  }

  /// What `vane run` stores in the spec for `plan`: its compiled workflow and inputs.
  static func launchPlanClosure(
    _ plan: Flyteidl_Admin_LaunchPlan, catalog: EntityCatalog
  ) throws -> Vane_LaunchPlanClosure {
    var closure = Vane_LaunchPlanClosure()
    closure.id = plan.id
    guard let workflow = catalog.workflows[plan.spec.workflowID] else {
      throw Showcase.Missing(description: "no workflow for \(plan.id.name)")
    }
    closure.closure = try WorkflowCompiler(catalog: catalog).compile(workflow, subWorkflows: [])
    closure.fixedInputs = plan.spec.fixedInputs
    closure.defaultInputs = plan.spec.defaultInputs
    return closure
  }
}
