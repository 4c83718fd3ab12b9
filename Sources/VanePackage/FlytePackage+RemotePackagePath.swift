public import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneModel

extension FlytePackage {
  /// This package with the fast-registration placeholders filled in, as `pyflyte register`
  /// and flytectl do: `{{ .remote_package_path }}` becomes `uri` (where the code archive can
  /// be fetched from) and `{{ .dest_dir }}` becomes `destinationDirectory`, spacing and case
  /// ignored, in task container args and command, in pod specs of pod tasks, and in pod
  /// templates that workflow task nodes override.
  public func resolvingRemotePackagePath(_ uri: String, destinationDirectory: String = ".") -> FlytePackage {
    let fill = { (text: String) -> String in
      let withPackage = TemplateText.replacing("remote_package_path", with: uri, in: text)
      return TemplateText.replacing("dest_dir", with: destinationDirectory, in: withPackage)
    }
    let resolvedTasks = tasks.map { spec -> Flyteidl_Admin_TaskSpec in
      var spec = spec
      if spec.hasTemplate { spec.template = Self.resolving(spec.template, fill) }
      return spec
    }
    let resolvedWorkflows = workflows.map { spec -> Flyteidl_Admin_WorkflowSpec in
      var spec = spec
      let resolveNode = { (node: inout Flyteidl_Core_Node) in Self.resolve(&node, fill) }
      if spec.hasTemplate { spec.template.visitNodes(resolveNode) }
      for index in spec.subWorkflows.indices { spec.subWorkflows[index].visitNodes(resolveNode) }
      return spec
    }
    return FlytePackage(
      source: source, scope: scope, tasks: resolvedTasks, workflows: resolvedWorkflows,
      launchPlans: launchPlans, codeArchive: codeArchive)
  }

  /// The tasks of ``resolvingRemotePackagePath(_:destinationDirectory:)``.
  public func tasksResolvingRemotePackagePath(
    _ uri: String, destinationDirectory: String = "."
  )
    -> [Flyteidl_Admin_TaskSpec]
  {
    resolvingRemotePackagePath(uri, destinationDirectory: destinationDirectory).tasks
  }

  private static func resolving(
    _ template: Flyteidl_Core_TaskTemplate, _ fill: (String) -> String
  ) -> Flyteidl_Core_TaskTemplate {
    var template = template
    switch template.target {
    case .container(var container):
      container.args = container.args.map(fill)
      container.command = container.command.map(fill)
      template.target = .container(container)
    case .k8SPod(var pod):
      if pod.hasPodSpec { pod.podSpec = resolving(pod.podSpec, fill) }
      template.target = .k8SPod(pod)
    case .sql, nil:
      break
    }
    return template
  }

  private static func resolve(_ node: inout Flyteidl_Core_Node, _ fill: (String) -> String) {
    guard case .taskNode(var taskNode) = node.target, taskNode.hasOverrides,
      taskNode.overrides.hasPodTemplate, taskNode.overrides.podTemplate.hasPodSpec
    else { return }
    taskNode.overrides.podTemplate.podSpec = resolving(taskNode.overrides.podTemplate.podSpec, fill)
    node.target = .taskNode(taskNode)
  }

  private static func resolving(
    _ value: Google_Protobuf_Struct, _ fill: (String) -> String
  ) -> Google_Protobuf_Struct {
    var value = value
    value.fields = value.fields.mapValues { resolving($0, fill) }
    return value
  }

  private static func resolving(
    _ value: Google_Protobuf_Value, _ fill: (String) -> String
  ) -> Google_Protobuf_Value {
    var value = value
    switch value.kind {
    case .stringValue(let text):
      value.kind = .stringValue(fill(text))
    case .structValue(let nested):
      value.kind = .structValue(resolving(nested, fill))
    case .listValue(var list):
      list.values = list.values.map { resolving($0, fill) }
      value.kind = .listValue(list)
    case .nullValue, .numberValue, .boolValue, nil:
      break
    }
    return value
  }
}
