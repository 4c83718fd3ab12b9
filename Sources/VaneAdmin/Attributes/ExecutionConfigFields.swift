public import FlyteIDL
public import SwiftProtobuf

/// The fields of Flyte's `WorkflowExecutionConfigInterface`: the request spec, the launch plan
/// spec and the matchable `WorkflowExecutionConfig` all generate them with the same names and
/// types, so `ExecutionConfigSource` reads any of them with one initializer.
public protocol ExecutionConfigFields {
  var maxParallelism: Int32 { get }
  var hasSecurityContext: Bool { get }
  var securityContext: Flyteidl_Core_SecurityContext { get }
  var rawOutputDataConfig: Flyteidl_Admin_RawOutputDataConfig { get }
  var labels: Flyteidl_Admin_Labels { get }
  var annotations: Flyteidl_Admin_Annotations { get }
  var hasInterruptible: Bool { get }
  var interruptible: Google_Protobuf_BoolValue { get }
  var overwriteCache: Bool { get }
  var envs: Flyteidl_Admin_Envs { get }
}

extension Flyteidl_Admin_ExecutionSpec: ExecutionConfigFields {}
extension Flyteidl_Admin_LaunchPlanSpec: ExecutionConfigFields {}
extension Flyteidl_Admin_WorkflowExecutionConfig: ExecutionConfigFields {}
