import FlyteIDL
import SwiftProtobuf
import VaneModel

extension WorkflowBuilder {
  /// The interface of a top-level node (or `start-node` / `end-node`), resolved on first use.
  mutating func interface(of id: String) -> Flyteidl_Core_TypedInterface? {
    if let known = interfaces[id] { return known }
    guard !failedInterfaces.contains(id), !resolving.contains(id), var node = nodes[id] else { return nil }
    resolving.insert(id)
    let resolved = resolveInterface(&node)
    resolving.remove(id)
    nodes[id] = node
    if let resolved { interfaces[id] = resolved } else { failedInterfaces.insert(id) }
    return resolved
  }

  /// Resolves what a node consumes and produces; may rewrite the node (branch legs are renamed).
  mutating func resolveInterface(_ node: inout Flyteidl_Core_Node) -> Flyteidl_Core_TypedInterface? {
    let id = node.id
    checkLimits(node)
    var resolved: Flyteidl_Core_TypedInterface?
    switch node.target {
    case .taskNode(let taskNode)?:
      resolved = taskInterface(taskNode, node: id)
    case .workflowNode(let workflowNode)?:
      resolved = workflowInterface(workflowNode, bindings: node.inputs, node: id)
    case .branchNode?:
      resolved = branchInterface(&node)
    case .gateNode(let gate)?:
      resolved = gateInterface(gate, node: node)
    case .arrayNode(let array)?:
      resolved = arrayInterface(array, node: id)
    case nil:
      report(.missingTarget, id, "the node has no target; it must run a task, a workflow, a branch, a gate or an array")
    }
    guard var resolved else { return nil }
    if !resolved.hasInputs { resolved.inputs = .init() }
    if !resolved.hasOutputs { resolved.outputs = .init() }
    checkVariables(resolved, node: id)
    checkAliases(node, outputs: resolved.outputs)
    return resolved
  }

  private func taskInterface(_ taskNode: Flyteidl_Core_TaskNode, node id: String) -> Flyteidl_Core_TypedInterface? {
    guard case .referenceID(let reference)? = taskNode.reference else {
      report(.missingValue, id, "the task node has no task reference")
      return nil
    }
    guard let task = session.task(reference) else {
      report(
        .unknownTask, id,
        "task \(EntityKey(reference).readable) is not registered; register it or include it in the package")
      return nil
    }
    checkLimits(task, node: id)
    return task.hasInterface ? task.interface : Flyteidl_Core_TypedInterface()
  }

  private func workflowInterface(
    _ workflowNode: Flyteidl_Core_WorkflowNode, bindings: [Flyteidl_Core_Binding], node id: String
  ) -> Flyteidl_Core_TypedInterface? {
    switch workflowNode.reference {
    case .launchplanRef(let reference)?:
      let key = EntityKey(reference)
      if let launchPlan = session.launchPlans[key] {
        guard let lpInterface = session.launchPlanInterface(launchPlan) else {
          report(
            .unknownWorkflow, id,
            "launch plan \(key.readable) runs workflow \(EntityKey(launchPlan.spec.workflowID).readable), "
              + "which is not registered, and the launch plan lists no expected inputs or outputs")
          return nil
        }
        return lpInterface.nodeInterface(boundNames: Set(bindings.map(\.var)))
      }
      if key == EntityKey(template.id) { return template.interface }
      report(
        .unknownLaunchPlan, id,
        "launch plan \(key.readable) is not registered; register it or include it in the package")
      return nil
    case .subWorkflowRef(let reference)?:
      let key = EntityKey(reference)
      guard let workflow = session.workflows[key] else {
        report(.unknownWorkflow, id, "sub-workflow \(key.readable) is neither shipped with the workflow nor registered")
        return nil
      }
      guard session.compileSubWorkflow(key) else {
        report(.cycle, id, "sub-workflow \(key.readable) includes itself, directly or through other sub-workflows")
        return nil
      }
      return workflow.interface
    case nil:
      report(.missingTarget, id, "the workflow node references neither a launch plan nor a sub-workflow")
      return nil
    }
  }

  private mutating func gateInterface(
    _ gate: Flyteidl_Core_GateNode, node: Flyteidl_Core_Node
  ) -> Flyteidl_Core_TypedInterface? {
    var interface = Flyteidl_Core_TypedInterface()
    interface.inputs = .init()
    interface.outputs = .init()
    switch gate.condition {
    case .approve(let approve)?:
      if approve.signalID.isEmpty {
        report(.invalidGate, node.id, "the approve gate has no signal id")
      }
      let passed = bindingTypes(node.inputs, of: node.id)
      interface.inputs = passed
      interface.outputs = passed
    case .signal(let signal)?:
      var valid = true
      if signal.signalID.isEmpty {
        report(.invalidGate, node.id, "the signal gate has no signal id")
        valid = false
      }
      if !signal.hasType || signal.type.type == nil {
        report(.invalidGate, node.id, "the signal gate has no type for the value it waits for")
        valid = false
      }
      if signal.outputVariableName.isEmpty {
        report(.invalidGate, node.id, "the signal gate has no output variable name")
        valid = false
      }
      guard valid else { return nil }
      var variable = Flyteidl_Core_Variable()
      variable.type = signal.type
      interface.outputs.variables[signal.outputVariableName] = variable
    case .sleep(let sleep)?:
      if !sleep.hasDuration {
        report(.invalidGate, node.id, "the sleep gate has no duration")
        return nil
      }
    case nil:
      report(.invalidGate, node.id, "the gate node has no condition; use approve, signal or sleep")
      return nil
    }
    return interface
  }

  private mutating func arrayInterface(
    _ array: Flyteidl_Core_ArrayNode, node id: String
  ) -> Flyteidl_Core_TypedInterface? {
    if case .minSuccessRatio(let ratio)? = array.successCriteria, !(0...1).contains(ratio) {
      report(.invalidArrayNode, id, "min_success_ratio is \(ratio); it must be between 0 and 1")
    }
    guard array.hasNode, array.node.target != nil else {
      report(.invalidArrayNode, id, "the array node has no inner node to run")
      return nil
    }
    if case .arrayNode? = array.node.target {
      report(.invalidArrayNode, id, "an array node cannot directly run another array node")
      return nil
    }
    var inner = array.node
    inner.id = id  // problems of the inner node are reported on the array node
    guard var interface = resolveInterface(&inner) else { return nil }
    if array.isOriginalSubNodeInterface.value {
      let bound = Set(array.boundInputs)
      for (name, variable) in interface.inputs.variables where !bound.contains(name) {
        interface.inputs.variables[name] = Self.lifted(variable)
      }
      for (name, variable) in interface.outputs.variables {
        interface.outputs.variables[name] = Self.lifted(variable)
      }
    }
    return interface
  }

  private static func lifted(_ variable: Flyteidl_Core_Variable) -> Flyteidl_Core_Variable {
    var copy = variable
    var list = Flyteidl_Core_LiteralType()
    list.collectionType = variable.type
    copy.type = list
    return copy
  }

  /// Reports aliases that rename an unknown output or the same output twice.
  private func checkAliases(_ node: Flyteidl_Core_Node, outputs: Flyteidl_Core_VariableMap) {
    var seen: Set<String> = []
    for alias in node.outputAliases {
      if !seen.insert(alias.var).inserted {
        report(.duplicateAlias, node.id, "output '\(alias.var)' has more than one alias")
      } else if outputs.variables[alias.var] == nil {
        report(
          .unknownVariable, node.id,
          "alias '\(alias.alias)' renames output '\(alias.var)', which the node does not have")
      }
    }
  }

  /// A node's outputs as downstream nodes see them: aliased outputs under their alias.
  func effectiveOutputs(
    of node: Flyteidl_Core_Node?, interface: Flyteidl_Core_TypedInterface
  ) -> [String: Flyteidl_Core_Variable] {
    var outputs = interface.outputs.variables
    for alias in node?.outputAliases ?? [] {
      if let variable = outputs.removeValue(forKey: alias.var) { outputs[alias.alias] = variable }
    }
    return outputs
  }
}
