public import FlyteIDL

/// The interface a launch plan exposes to a node that calls it.
///
/// Follows FlyteAdmin: the expected inputs are the workflow's inputs minus the fixed ones; an
/// input with a launch-plan default keeps the default's parameter (not required), any other
/// input is required. When the launch plan's closure already lists expected inputs or outputs,
/// those are used as they are.
public struct LaunchPlanInterface: Sendable, Hashable {
  /// Inputs a caller may bind; `required` ones must be bound.
  public var inputs: Flyteidl_Core_ParameterMap
  /// Outputs the launch plan's workflow produces.
  public var outputs: Flyteidl_Core_VariableMap

  /// Creates an interface from its parts.
  public init(inputs: Flyteidl_Core_ParameterMap, outputs: Flyteidl_Core_VariableMap) {
    self.inputs = inputs
    self.outputs = outputs
  }

  /// The interface of `launchPlan`, using `workflowInterface` (the interface of the launch
  /// plan's workflow) when the closure does not list expected inputs/outputs. Returns nil when
  /// neither source is available.
  public init?(launchPlan: Flyteidl_Admin_LaunchPlan, workflowInterface: Flyteidl_Core_TypedInterface?) {
    let closure = launchPlan.closure
    if !closure.expectedInputs.parameters.isEmpty || !closure.expectedOutputs.variables.isEmpty {
      self.init(inputs: closure.expectedInputs, outputs: closure.expectedOutputs)
      return
    }
    guard let workflowInterface else { return nil }
    self.init(
      inputs: Self.expectedInputs(spec: launchPlan.spec, workflowInputs: workflowInterface.inputs),
      outputs: workflowInterface.outputs)
  }

  /// FlyteAdmin's `expected_inputs` for a launch plan spec over its workflow's inputs.
  public static func expectedInputs(
    spec: Flyteidl_Admin_LaunchPlanSpec, workflowInputs: Flyteidl_Core_VariableMap
  ) -> Flyteidl_Core_ParameterMap {
    var result = Flyteidl_Core_ParameterMap()
    for (name, variable) in workflowInputs.variables {
      if let parameter = spec.defaultInputs.parameters[name] {
        result.parameters[name] = parameter
      } else if spec.fixedInputs.literals[name] == nil {
        var parameter = Flyteidl_Core_Parameter()
        var copy = Flyteidl_Core_Variable()
        copy.type = variable.type
        copy.description_p = variable.description_p
        parameter.var = copy
        parameter.required = true
        result.parameters[name] = parameter
      }
    }
    return result
  }

  /// The typed interface a node sees: required inputs, plus optional ones the node binds.
  func nodeInterface(boundNames: Set<String>) -> Flyteidl_Core_TypedInterface {
    var interface = Flyteidl_Core_TypedInterface()
    interface.inputs = Flyteidl_Core_VariableMap()
    for (name, parameter) in inputs.parameters where parameter.required || boundNames.contains(name) {
      interface.inputs.variables[name] = parameter.var
    }
    interface.outputs = outputs
    return interface
  }
}
