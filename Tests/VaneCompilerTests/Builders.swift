import FlyteIDL
import SwiftProtobuf
import VaneCompiler

// Small constructors for flyteidl messages, so tests read like the workflows they build.

func variables(_ pairs: [(String, LiteralType)]) -> Flyteidl_Core_VariableMap {
  var map = Flyteidl_Core_VariableMap()
  for (name, type) in pairs {
    var variable = Flyteidl_Core_Variable()
    variable.type = type
    map.variables[name] = variable
  }
  return map
}

func interface(
  inputs: [(String, LiteralType)] = [], outputs: [(String, LiteralType)] = []
) -> Flyteidl_Core_TypedInterface {
  var typed = Flyteidl_Core_TypedInterface()
  typed.inputs = variables(inputs)
  typed.outputs = variables(outputs)
  return typed
}

func identifier(
  _ name: String, _ type: Flyteidl_Core_ResourceType = .task, version: String = "v1"
) -> Flyteidl_Core_Identifier {
  var id = Flyteidl_Core_Identifier()
  id.resourceType = type
  id.project = "p"
  id.domain = "d"
  id.name = name
  id.version = version
  return id
}

func task(
  _ name: String, inputs: [(String, LiteralType)] = [], outputs: [(String, LiteralType)] = []
) -> Flyteidl_Core_TaskTemplate {
  var template = Flyteidl_Core_TaskTemplate()
  template.id = identifier(name)
  template.type = "python-task"
  template.interface = interface(inputs: inputs, outputs: outputs)
  return template
}

// MARK: bindings

func promise(_ node: String, _ output: String, path: [String] = []) -> Flyteidl_Core_BindingData {
  var reference = Flyteidl_Core_OutputReference()
  reference.nodeID = node
  reference.var = output
  reference.attrPath = path.map { name in
    var attribute = Flyteidl_Core_PromiseAttribute()
    attribute.stringValue = name
    return attribute
  }
  var data = Flyteidl_Core_BindingData()
  data.promise = reference
  return data
}

/// A promise on a workflow input (flytekit leaves the node id empty).
func input(_ name: String) -> Flyteidl_Core_BindingData { promise("", name) }

func primitive(_ value: Flyteidl_Core_Primitive.OneOf_Value) -> Flyteidl_Core_Primitive {
  var primitive = Flyteidl_Core_Primitive()
  primitive.value = value
  return primitive
}

func scalar(_ value: Flyteidl_Core_Scalar.OneOf_Value) -> Flyteidl_Core_Scalar {
  var scalar = Flyteidl_Core_Scalar()
  scalar.value = value
  return scalar
}

func literal(_ value: Flyteidl_Core_Primitive.OneOf_Value) -> Flyteidl_Core_BindingData {
  var data = Flyteidl_Core_BindingData()
  data.scalar = scalar(.primitive(primitive(value)))
  return data
}

func literal(scalar value: Flyteidl_Core_Scalar.OneOf_Value) -> Flyteidl_Core_BindingData {
  var data = Flyteidl_Core_BindingData()
  data.scalar = scalar(value)
  return data
}

func list(_ items: Flyteidl_Core_BindingData...) -> Flyteidl_Core_BindingData {
  var collection = Flyteidl_Core_BindingDataCollection()
  collection.bindings = items
  var data = Flyteidl_Core_BindingData()
  data.collection = collection
  return data
}

func map(_ items: [String: Flyteidl_Core_BindingData]) -> Flyteidl_Core_BindingData {
  var map = Flyteidl_Core_BindingDataMap()
  map.bindings = items
  var data = Flyteidl_Core_BindingData()
  data.map = map
  return data
}

func bind(_ name: String, _ data: Flyteidl_Core_BindingData) -> Flyteidl_Core_Binding {
  var binding = Flyteidl_Core_Binding()
  binding.var = name
  binding.binding = data
  return binding
}

// MARK: nodes

func taskNode(
  _ id: String, _ taskName: String, _ inputs: [Flyteidl_Core_Binding] = [], after: [String] = []
) -> Flyteidl_Core_Node {
  var node = Flyteidl_Core_Node()
  node.id = id
  node.metadata.name = taskName
  node.inputs = inputs
  node.upstreamNodeIds = after
  var target = Flyteidl_Core_TaskNode()
  target.referenceID = identifier(taskName)
  node.taskNode = target
  return node
}

func subWorkflowNode(_ id: String, _ workflowName: String, _ inputs: [Flyteidl_Core_Binding] = []) -> Flyteidl_Core_Node
{
  var node = Flyteidl_Core_Node()
  node.id = id
  node.inputs = inputs
  var target = Flyteidl_Core_WorkflowNode()
  target.subWorkflowRef = identifier(workflowName, .workflow)
  node.workflowNode = target
  return node
}

func launchPlanNode(_ id: String, _ planName: String, _ inputs: [Flyteidl_Core_Binding] = []) -> Flyteidl_Core_Node {
  var node = Flyteidl_Core_Node()
  node.id = id
  node.inputs = inputs
  var target = Flyteidl_Core_WorkflowNode()
  target.launchplanRef = identifier(planName, .launchPlan)
  node.workflowNode = target
  return node
}

func workflow(
  _ name: String, inputs: [(String, LiteralType)] = [], outputs: [(String, LiteralType)] = [],
  nodes: [Flyteidl_Core_Node], bindings: [Flyteidl_Core_Binding] = []
) -> Flyteidl_Core_WorkflowTemplate {
  var template = Flyteidl_Core_WorkflowTemplate()
  template.id = identifier(name, .workflow)
  template.interface = interface(inputs: inputs, outputs: outputs)
  template.nodes = nodes
  template.outputs = bindings
  return template
}

func compiler(
  tasks: [Flyteidl_Core_TaskTemplate], workflows: [Flyteidl_Core_WorkflowTemplate] = [],
  launchPlans: [Flyteidl_Admin_LaunchPlan] = []
) -> WorkflowCompiler {
  WorkflowCompiler(catalog: EntityCatalog(tasks: tasks, workflows: workflows, launchPlans: launchPlans))
}

/// Compiles and returns the failure, or records an issue when compilation succeeds.
func compileFailure(
  _ compile: () throws(CompilationFailure) -> Flyteidl_Core_CompiledWorkflowClosure
) -> CompilationFailure? {
  do {
    _ = try compile()
    return nil
  } catch {
    return error
  }
}

extension Flyteidl_Core_CompiledWorkflow {
  func upstream(_ id: String) -> [String] { connections.upstream[id]?.ids ?? [] }
  func downstream(_ id: String) -> [String] { connections.downstream[id]?.ids ?? [] }
  var nodeIDs: [String] { template.nodes.map(\.id) }
}
