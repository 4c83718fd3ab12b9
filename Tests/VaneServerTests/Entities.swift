import FlyteIDL

// Small flyteidl builders: a task `add1(x: int) -> o0: int` and a workflow calling it.

func identifier(_ name: String, _ type: Flyteidl_Core_ResourceType, version: String = "v1") -> Flyteidl_Core_Identifier
{
  var id = Flyteidl_Core_Identifier()
  id.resourceType = type
  id.project = "flytesnacks"
  id.domain = "development"
  id.name = name
  id.version = version
  return id
}

func integerType() -> Flyteidl_Core_LiteralType {
  var type = Flyteidl_Core_LiteralType()
  type.simple = .integer
  return type
}

func intInterface() -> Flyteidl_Core_TypedInterface {
  var variable = Flyteidl_Core_Variable()
  variable.type = integerType()
  var interface = Flyteidl_Core_TypedInterface()
  interface.inputs.variables["x"] = variable
  interface.outputs.variables["o0"] = variable
  return interface
}

func taskRequest(
  _ name: String, version: String = "v1", image: String = "python:3.11"
) -> Flyteidl_Admin_TaskCreateRequest {
  var request = Flyteidl_Admin_TaskCreateRequest()
  request.id = identifier(name, .task, version: version)
  request.spec.template.id = request.id
  request.spec.template.type = "python-task"
  request.spec.template.interface = intInterface()
  request.spec.template.container.image = image
  request.spec.template.container.args = ["pyflyte-execute", "--inputs", "{{.input}}"]
  return request
}

func promise(_ node: String, _ variable: String) -> Flyteidl_Core_BindingData {
  var data = Flyteidl_Core_BindingData()
  data.promise.nodeID = node
  data.promise.var = variable
  return data
}

/// A workflow `x -> task(x) -> o0`; `upstreamOutput` lets a test bind a name that does not exist.
func workflowRequest(
  _ name: String, task: String, version: String = "v1", taskVersion: String = "v1", upstreamOutput: String = "o0"
) -> Flyteidl_Admin_WorkflowCreateRequest {
  var node = Flyteidl_Core_Node()
  node.id = "n0"
  node.taskNode.referenceID = identifier(task, .task, version: taskVersion)
  var input = Flyteidl_Core_Binding()
  input.var = "x"
  input.binding = promise("start-node", "x")
  node.inputs = [input]
  var output = Flyteidl_Core_Binding()
  output.var = "o0"
  output.binding = promise("n0", upstreamOutput)
  var request = Flyteidl_Admin_WorkflowCreateRequest()
  request.id = identifier(name, .workflow, version: version)
  request.spec.template.id = request.id
  request.spec.template.interface = intInterface()
  request.spec.template.nodes = [node]
  request.spec.template.outputs = [output]
  return request
}

func launchPlanRequest(
  _ name: String, workflow: String, version: String = "v1", defaultX: Int64? = nil
)
  -> Flyteidl_Admin_LaunchPlanCreateRequest
{
  var request = Flyteidl_Admin_LaunchPlanCreateRequest()
  request.id = identifier(name, .launchPlan, version: version)
  request.spec.workflowID = identifier(workflow, .workflow, version: version)
  if let defaultX {
    var parameter = Flyteidl_Core_Parameter()
    parameter.var.type = integerType()
    parameter.default.scalar.primitive.integer = defaultX
    request.spec.defaultInputs.parameters["x"] = parameter
  }
  return request
}

func listRequest(
  name: String = "", filters: String = "", limit: UInt32 = 100, token: String = "", sortKey: String = ""
)
  -> Flyteidl_Admin_ResourceListRequest
{
  var request = Flyteidl_Admin_ResourceListRequest()
  request.id.project = "flytesnacks"
  request.id.domain = "development"
  request.id.name = name
  request.filters = filters
  request.limit = limit
  request.token = token
  if !sortKey.isEmpty {
    request.sortBy.key = sortKey
    request.sortBy.direction = .ascending
  }
  return request
}
