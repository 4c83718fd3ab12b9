public import FlyteIDL

extension RegistrationScope {
  /// Fills the identifiers a node refers to — task references, launch plan references and
  /// subworkflow references — in the node and in every node nested inside it.
  public func fill(_ node: inout Flyteidl_Core_Node) {
    node.visitNodes { visited in
      switch visited.target {
      case .taskNode(var taskNode):
        if case .referenceID(var identifier) = taskNode.reference {
          fill(&identifier, as: .task)
          taskNode.reference = .referenceID(identifier)
          visited.target = .taskNode(taskNode)
        }
      case .workflowNode(var workflowNode):
        switch workflowNode.reference {
        case .launchplanRef(var identifier):
          fill(&identifier, as: .launchPlan)
          workflowNode.reference = .launchplanRef(identifier)
        case .subWorkflowRef(var identifier):
          fill(&identifier, as: .workflow)
          workflowNode.reference = .subWorkflowRef(identifier)
        case nil:
          return
        }
        visited.target = .workflowNode(workflowNode)
      case .branchNode, .arrayNode, .gateNode, nil:
        return
      }
    }
  }

  /// Fills the workflow's own identifier and every identifier its nodes refer to.
  public func fill(_ template: inout Flyteidl_Core_WorkflowTemplate) {
    if template.hasID {
      fill(&template.id, as: .workflow)
    }
    template.visitNodes { fill(&$0) }
  }

  /// Fills the task's identifier.
  public func fill(_ template: inout Flyteidl_Core_TaskTemplate) {
    if template.hasID {
      fill(&template.id, as: .task)
    }
  }

  /// Fills the task's identifier.
  public func fill(_ spec: inout Flyteidl_Admin_TaskSpec) {
    if spec.hasTemplate {
      fill(&spec.template)
    }
  }

  /// Fills the identifiers of the workflow, of its subworkflows, and of everything their
  /// nodes refer to.
  public func fill(_ spec: inout Flyteidl_Admin_WorkflowSpec) {
    if spec.hasTemplate {
      fill(&spec.template)
    }
    for index in spec.subWorkflows.indices {
      fill(&spec.subWorkflows[index])
    }
  }

  /// Fills the launch plan's identifier and the identifier of the workflow it launches.
  public func fill(_ launchPlan: inout Flyteidl_Admin_LaunchPlan) {
    if launchPlan.hasID {
      fill(&launchPlan.id, as: .launchPlan)
    }
    if launchPlan.hasSpec, launchPlan.spec.hasWorkflowID {
      fill(&launchPlan.spec.workflowID, as: .workflow)
    }
  }
}
