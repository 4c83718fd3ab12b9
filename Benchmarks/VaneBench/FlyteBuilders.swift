import FlyteIDL

/// Small constructors for the flyteidl messages the benchmark workflows are made of.
enum FlyteBuilders {
  static let project = "bench"
  static let domain = "dev"

  static func identifier(_ name: String, _ type: Flyteidl_Core_ResourceType) -> Flyteidl_Core_Identifier {
    var id = Flyteidl_Core_Identifier()
    id.resourceType = type
    id.project = project
    id.domain = domain
    id.name = name
    id.version = "bench"
    return id
  }

  static var integer: Flyteidl_Core_LiteralType {
    var type = Flyteidl_Core_LiteralType()
    type.simple = .integer
    return type
  }

  static func list(of item: Flyteidl_Core_LiteralType) -> Flyteidl_Core_LiteralType {
    var type = Flyteidl_Core_LiteralType()
    type.collectionType = item
    return type
  }

  static func interface(_ name: String, _ type: Flyteidl_Core_LiteralType) -> Flyteidl_Core_TypedInterface {
    var variable = Flyteidl_Core_Variable()
    variable.type = type
    var typed = Flyteidl_Core_TypedInterface()
    typed.inputs.variables[name] = variable
    typed.outputs.variables[name] = variable
    return typed
  }

  /// An `echo` task (outputs = inputs) with one input and one output named `name`.
  static func echoTask(_ name: String, variable: String, type: Flyteidl_Core_LiteralType) -> Flyteidl_Core_TaskTemplate
  {
    var template = Flyteidl_Core_TaskTemplate()
    template.id = identifier(name, .task)
    template.type = "echo"
    template.interface = interface(variable, type)
    return template
  }

  static func promise(_ node: String, _ output: String) -> Flyteidl_Core_BindingData {
    var reference = Flyteidl_Core_OutputReference()
    reference.nodeID = node
    reference.var = output
    var data = Flyteidl_Core_BindingData()
    data.promise = reference
    return data
  }

  static func collection(_ items: [Flyteidl_Core_BindingData]) -> Flyteidl_Core_BindingData {
    var collection = Flyteidl_Core_BindingDataCollection()
    collection.bindings = items
    var data = Flyteidl_Core_BindingData()
    data.collection = collection
    return data
  }

  static func bind(_ name: String, _ data: Flyteidl_Core_BindingData) -> Flyteidl_Core_Binding {
    var binding = Flyteidl_Core_Binding()
    binding.var = name
    binding.binding = data
    return binding
  }

  static func taskNode(
    _ id: String, task: Flyteidl_Core_TaskTemplate, inputs: [Flyteidl_Core_Binding]
  ) -> Flyteidl_Core_Node {
    var node = Flyteidl_Core_Node()
    node.id = id
    node.metadata.name = task.id.name
    node.inputs = inputs
    var target = Flyteidl_Core_TaskNode()
    target.referenceID = task.id
    node.taskNode = target
    return node
  }

  static func subworkflowNode(
    _ id: String, workflow: Flyteidl_Core_Identifier, inputs: [Flyteidl_Core_Binding]
  ) -> Flyteidl_Core_Node {
    var node = Flyteidl_Core_Node()
    node.id = id
    node.metadata.name = workflow.name
    node.inputs = inputs
    var target = Flyteidl_Core_WorkflowNode()
    target.subWorkflowRef = workflow
    node.workflowNode = target
    return node
  }

  static func workflow(
    _ name: String, variable: String, type: Flyteidl_Core_LiteralType, nodes: [Flyteidl_Core_Node],
    output: Flyteidl_Core_BindingData
  ) -> Flyteidl_Core_WorkflowTemplate {
    var template = Flyteidl_Core_WorkflowTemplate()
    template.id = identifier(name, .workflow)
    template.interface = interface(variable, type)
    template.nodes = nodes
    template.outputs = [bind(variable, output)]
    return template
  }

  static func int(_ value: Int64) -> Flyteidl_Core_Literal {
    var literal = Flyteidl_Core_Literal()
    literal.scalar.primitive.integer = value
    return literal
  }

  static func ints(_ count: Int) -> Flyteidl_Core_Literal {
    var literal = Flyteidl_Core_Literal()
    literal.collection.literals = (0..<count).map { int(Int64($0)) }
    return literal
  }
}
