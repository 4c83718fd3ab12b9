public import FlyteIDL
import SwiftProtobuf

/// The execution settings a request spec, a launch plan spec or a matchable
/// `WorkflowExecutionConfig` can carry, read the same way from each (Flyte's
/// `WorkflowExecutionConfigInterface`).
public struct ExecutionConfigSource: Sendable {
  var maxParallelism: Int32
  var securityContext: Flyteidl_Core_SecurityContext?
  var rawOutputDataConfig: Flyteidl_Admin_RawOutputDataConfig
  var labels: Flyteidl_Admin_Labels
  var annotations: Flyteidl_Admin_Annotations
  var interruptible: Bool?
  var overwriteCache: Bool
  var envs: Flyteidl_Admin_Envs

  public init(_ config: some ExecutionConfigFields) {
    maxParallelism = config.maxParallelism
    securityContext = config.hasSecurityContext ? config.securityContext : nil
    rawOutputDataConfig = config.rawOutputDataConfig
    labels = config.labels
    annotations = config.annotations
    interruptible = config.hasInterruptible ? config.interruptible.value : nil
    overwriteCache = config.overwriteCache
    envs = config.envs
  }
}

/// FlyteAdmin's `MergeIntoExecConfig`: each setting of `config` still unset is taken from
/// `source`, so merging sources from the most to the least preferred gives each setting its
/// most preferred value. "Unset" is per setting as in Flyte: zero parallelism, no security
/// context with a service account, IAM role or execution identity, an empty raw output prefix,
/// empty label / annotation / env maps (a map is taken whole, never merged key by key), no
/// interruptible flag, overwrite-cache false.
public enum ExecutionConfigMerge {
  public static func merge(_ source: ExecutionConfigSource, into config: inout Flyteidl_Admin_WorkflowExecutionConfig) {
    if config.maxParallelism == 0 && source.maxParallelism > 0 { config.maxParallelism = source.maxParallelism }
    if !config.hasSecurityContext, let context = source.securityContext, context.hasRunAs,
      !(context.runAs.k8SServiceAccount.isEmpty && context.runAs.iamRole.isEmpty
        && context.runAs.executionIdentity.isEmpty)
    {
      config.securityContext = context
    }
    if config.rawOutputDataConfig.outputLocationPrefix.isEmpty
      && !source.rawOutputDataConfig.outputLocationPrefix.isEmpty
    {
      config.rawOutputDataConfig = source.rawOutputDataConfig
    }
    if config.labels.values.isEmpty && !source.labels.values.isEmpty { config.labels = source.labels }
    if config.annotations.values.isEmpty && !source.annotations.values.isEmpty {
      config.annotations = source.annotations
    }
    if !config.hasInterruptible, let interruptible = source.interruptible {
      config.interruptible.value = interruptible
    }
    if !config.overwriteCache && source.overwriteCache { config.overwriteCache = true }
    if config.envs.values.isEmpty && !source.envs.values.isEmpty { config.envs = source.envs }
  }

  /// `sources` merged from the most preferred to the least.
  public static func merged(_ sources: [ExecutionConfigSource]) -> Flyteidl_Admin_WorkflowExecutionConfig {
    var config = Flyteidl_Admin_WorkflowExecutionConfig()
    for source in sources { merge(source, into: &config) }
    return config
  }
}
