import FlyteIDL
import Foundation
import SwiftProtobuf
import VaneAdminStore
import VaneData
import VaneModel

/// Which RPCs a scope comes from: project, project-domain or workflow attributes.
public enum MatchableLevel: Sendable {
  case project, domain, workflow
}

extension MatchableAttributeDirectory {
  /// The resource type an attribute's oneof stands for (Flyte's `validateMatchingAttributes`).
  static func type(of target: Flyteidl_Admin_MatchingAttributes.OneOf_Target) -> Flyteidl_Admin_MatchableResource {
    switch target {
    case .taskResourceAttributes: .taskResource
    case .clusterResourceAttributes: .clusterResource
    case .executionQueueAttributes: .executionQueue
    case .executionClusterLabel: .executionClusterLabel
    case .qualityOfService: .qualityOfServiceSpecification
    case .pluginOverrides: .pluginOverride
    case .workflowExecutionConfig: .workflowExecutionConfig
    case .clusterAssignment: .clusterAssignment
    }
  }

  /// The longest workflow name a workflow attribute may name.
  public static let maximumWorkflowName = 512

  /// As FlyteAdmin: the project is well-formed and registered (in the org), a project-domain
  /// or workflow scope names one of the project's domains, and a workflow scope a workflow.
  func check(_ scope: MatchableScope, level: MatchableLevel) async throws(AdminError) {
    if let problem = IdentifierRules.problem(withLabel: scope.project, what: "project") {
      throw AdminError(.invalidArgument, problem, at: "project")
    }
    if level == .workflow && scope.workflow.isEmpty {
      throw AdminError(.invalidArgument, "a workflow attribute needs the workflow's name", at: "workflow")
    }
    if level != .project {
      guard ProjectDirectory.domains.contains(where: { $0.id == scope.domain }) else {
        let known = ProjectDirectory.domains.map(\.id).joined(separator: ", ")
        throw AdminError(.invalidArgument, "domain '\(scope.domain)' does not exist (domains: \(known))", at: "domain")
      }
    }
    if scope.workflow.count > Self.maximumWorkflowName {
      throw AdminError(
        .invalidArgument, "the workflow name is longer than \(Self.maximumWorkflowName) characters",
        at: "workflow")
    }
    let projects = try await store.projects()
    guard projects.contains(where: { $0.id == scope.project && $0.org == scope.org }) else {
      throw AdminError(
        .invalidArgument, "project '\(scope.project)' is not registered; register it first", at: "project")
    }
  }

  /// A `WORKFLOW_EXECUTION_CONFIG` is what executions will run with, so it is held to the
  /// checks a request's own settings get: a usable raw output prefix and a sane environment.
  static func checkContent(_ target: Flyteidl_Admin_MatchingAttributes.OneOf_Target) throws(AdminError) {
    guard case .workflowExecutionConfig(let config) = target else { return }
    let prefix = config.rawOutputDataConfig.outputLocationPrefix
    if !prefix.isEmpty {
      do {
        _ = try RawOutputPrefix.validated(prefix)
      } catch {
        throw AdminError(
          .invalidArgument, error.message, at: "workflow_execution_config.raw_output_data_config.output_location_prefix"
        )
      }
    }
    try ExecutionRequestCheck.environment(
      Dictionary(config.envs.values.map { ($0.key, $0.value) }) { _, new in new }, at: "workflow_execution_config.envs")
  }

  static func decode(_ record: MatchableAttributeRecord) throws(AdminError) -> Flyteidl_Admin_MatchingAttributes {
    do {
      return try Flyteidl_Admin_MatchingAttributes(serializedBytes: record.attributes)
    } catch {
      throw AdminError(
        .internalError, "a stored matchable attribute does not decode: \(error)", at: "matchable attribute")
    }
  }

  static func missing(_ scope: MatchableScope, _ type: Flyteidl_Admin_MatchableResource) -> AdminError {
    let place = [scope.project, scope.domain, scope.workflow].filter { !$0.isEmpty }.joined(separator: "/")
    return AdminError(.notFound, "no \(type) attributes are set for \(place)", at: "matchable attributes")
  }
}
